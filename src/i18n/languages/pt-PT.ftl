## A interface do site em português europeu. As mesmas chaves que en.ftl.
## O que é próprio de cada site vem do seu site.toml (src/i18n/site_terms.rs): o título em { -site } (com
## .gender, masculine/feminine/other, para as frases que pedem artigo), os leitores em { -readers },
## os dias dos textos em { -essay-day }, { -essay-every }, { -essay-on } e os do boletim; e
## site-description, site-motto e site-footer quando o site.toml os inclui.

language-name = Português
lang-pt-BR = português brasileiro
lang-en = inglês
lang-es = espanhol
lang-pt-PT = português europeu
lang-it = italiano
lang-fr = francês
lang-de = alemão
og-locale = pt_PT

skip-link = Saltar para o conteúdo
nav-label = Navegação principal
nav-arc = O arco
nav-subscribe = Subscrever
nav-feed = RSS
nav-language = Idioma
footer-feeds = Feeds

kind-essay = Ensaio de { -essay-day }
kind-bulletin = Boletim de { -bulletin-day }
draft-label = Rascunho
scheduled-label = Agendado para { $date }

hero-counts = { $weeks ->
    [0] 0 semanas
    [one] 1 semana
    [many] { $weeks } de semanas
   *[other] { $weeks } semanas
  } · { $texts ->
    [0] 0 textos
    [one] 1 texto
    [many] { $texts } de textos
   *[other] { $texts } textos
  }
hero-words = { $thousands ->
    [0] Cerca de { $words } palavras, e a contar
    [one] Cerca de mil palavras, e a contar
   *[other] Cerca de { $thousands } mil palavras, e a contar
  }
hero-readers = Cerca de { $readers } { -readers } leem-nos todas as semanas.
cta-subscribe = Subscrever
cta-essay = Ensaio de { -essay-day }
home-newest = O texto mais recente
home-empty = O primeiro texto chega { -essay-on }.

arc-title = { $weeks ->
    [one] O arco de 1 semana
    [many] O arco de { $weeks } de semanas
   *[other] O arco de { $weeks } semanas
  }
arc-subtitle = Um corpo de obra
arc-lede = Uma linha por semana: o ensaio de { -essay-day } à esquerda, o boletim de { -bulletin-day } à direita. As semanas que ainda estão para vir aparecem como «em breve»; as que passaram sem nada escrito, como «sem texto».
arc-week = Semana
arc-upcoming = em breve
# Uma semana passada cujo lugar não tem nenhum texto.
arc-missed = sem texto
arc-caption = Os textos do arco, semana a semana
# Arcos: o número que identifica cada um, a lista de todos os arcos e o seguinte durante uma pausa.
arc-number = Arco { $arc }
arcs-title = Todos os arcos
arc-entry-counts = { $texts ->
    [0] nenhum texto
    [one] 1 texto
    [many] { $texts } de textos
   *[other] { $texts } textos
  } · { $words } palavras
arc-next = O arco { $arc } começa a { $date }.

# Uma semana nomeada fora da página do seu arco; $arc é 0 enquanto o site tem um só arco.
week-name = { $arc ->
    [0] Semana { $week }
   *[other] Arco { $arc } · Semana { $week }
  }
post-meta = { week-name } · { $date }
post-updated = Atualizado a { $date }
reading-time = { $minutes ->
    [one] 1 minuto de leitura
    [many] { $minutes } de minutos de leitura
   *[other] { $minutes } minutos de leitura
  }
only-in = Disponível apenas em { $language }.
translation-outdated = O original, em { $language }, foi atualizado depois desta tradução.
translation-outdated-link = Ler o original
read-in = Ler em { $language }
sources-verified = Fontes verificadas na semana de { $range }:
signoff = — { $author }
post-previous = Anterior
post-next = Seguinte
post-neighbours = Mais do arco
post-tags = Etiquetas
post-cta = Receba os próximos textos por e-mail, { -essay-every } e { -bulletin-every }.
helpful-question = Esta página foi útil?
helpful-yes = Sim
helpful-no = Não
helpful-subject-yes = Útil: { $title }
helpful-subject-no = Pouco útil: { $title }

subscribe-title = { -site.gender ->
    [masculine] Subscreva o { -site }
    [feminine] Subscreva a { -site }
   *[other] Subscreva a newsletter { -site }
  }
subscribe-lede = Dois textos por semana, diretamente na sua caixa de correio: o ensaio de { -essay-day } e o boletim de { -bulletin-day }. Sem publicidade; pode cancelar a subscrição quando quiser.
subscribe-email-label = O seu e-mail
subscribe-email-placeholder = nome@exemplo.pt
subscribe-button = Subscrever
subscribe-honeypot = Deixe este campo vazio
subscribe-feeds-title = Prefere um leitor de feeds?
subscribe-feeds-lede = Todos os feeds trazem os textos completos.
feed-all = Todos os textos
feed-essays = Só os ensaios de { -essay-day }
feed-bulletins = Só os boletins de { -bulletin-day }

feed-title-all = { -site } — todos os textos
feed-title-essay = { -site } — ensaios de { -essay-day }
feed-title-bulletin = { -site } — boletins de { -bulletin-day }

email-read-on-web = Ler na web
email-why = Recebe este e-mail porque subscreveu { -site.gender ->
    [masculine] o { -site }
    [feminine] a { -site }
   *[other] a newsletter { -site }
  }: um ensaio { -essay-every }, um boletim { -bulletin-every }.
email-unsubscribe = Cancelar a subscrição
email-links = Ligações do texto

nav-search = Pesquisar
card-kicker = { $kind } · { week-name }

tags-title = Etiquetas
tags-lede = Os temas que atravessam as semanas e quantos textos reúne cada um.
tags-empty = Ainda nenhum texto tem etiquetas.
tag-count = { $count ->
    [0] 0 textos
    [one] 1 texto
    [many] { $count } de textos
   *[other] { $count } textos
  }
tag-title = Etiqueta: { $tag }
tag-lede = { $count ->
    [one] Um texto com a etiqueta «{ $tag }».
    [many] { $count } de textos com a etiqueta «{ $tag }», do mais recente para o mais antigo.
   *[other] { $count } textos com a etiqueta «{ $tag }», do mais recente para o mais antigo.
  }
# Uma etiqueta com mais textos do que cabem numa página, repartidos por páginas: os mais recentes primeiro.
tag-pages = Páginas de { $tag }
tag-newer = ← Mais recentes
tag-older = Mais antigos →
tag-page = Página { $page } de { $pages }

search-title = Pesquisar nos textos
search-lede = Procure uma palavra em todos os ensaios e boletins escritos em português. Acentos e maiúsculas não contam.
search-label = O que procura?
search-placeholder = uma palavra ou expressão
search-button = Pesquisar
search-searching = A pesquisar…
search-results = { $count ->
    [0] Nenhum resultado para «{ $query }».
    [one] 1 resultado para «{ $query }».
    [many] { $count } de resultados para «{ $query }».
   *[other] { $count } resultados para «{ $query }».
  }
search-noscript = A pesquisa precisa de JavaScript. Todos os textos estão listados no arco:
## `site new`: o esqueleto de um texto novo (templates/new/*.md). Primeiro os comentários do front matter, depois o corpo.
new-title-essay = { $arc ->
    [0] Ensaio da semana { $week }
   *[other] Ensaio da semana { $week } do arco { $arc }
  }
new-title-bulletin = { week-name }
new-summary-hint = O resumo: uma ou duas frases, por baixo do título, nos cartões e nos feeds.
new-draft-hint = Apague esta linha quando o texto estiver pronto: é publicado na data indicada.
new-sources-hint = As fontes verificadas para o texto, tantas quantas houver: retire o # do início das linhas.
new-essay-opening = Comece por uma cena: o que aconteceu que lhe trouxe isto à cabeça?
new-essay-heading = A ideia numa linha
new-essay-close = Termine com aquilo que o leitor leva consigo.
new-bulletin-opening = Duas ou três frases: como correu a semana.
new-signal-title = O sinal da semana numa frase
new-signal-text = Uma frase: o que a semana ensinou.
new-bulletin-happened = O que aconteceu
new-bulletin-read = O que li
new-bulletin-next = O que vem na próxima semana
new-tags-hint = As etiquetas do original: traduza-as (a página de cada etiqueta reúne os textos desta língua).
new-original-summary = O resumo do original: { $summary }
new-translates = Tradução de { $path } ({ $language }): «{ $title }». Traduza cada parte abaixo e depois apague esta nota.

## A página de estado da pré-visualização (`site serve`, /_status/): nunca faz parte de uma compilação.
status-title = Estado do arco
status-link = ver o estado do arco
status-lede = Em que ponto está cada texto, em cada língua, hoje ({ $today }). Esta página só existe na pré-visualização.
status-drafts-hidden = Esta pré-visualização oculta os rascunhos e os textos agendados (--no-drafts): aparecem como em falta.
status-totals = Em números
status-texts = { $texts ->
    [0] 0 textos
    [one] 1 texto
    [many] { $texts } de textos
   *[other] { $texts } textos
  }: { $essays ->
    [0] 0 ensaios
    [one] 1 ensaio
    [many] { $essays } de ensaios
   *[other] { $essays } ensaios
  } e { $bulletins ->
    [0] 0 boletins
    [one] 1 boletim
    [many] { $bulletins } de boletins
   *[other] { $bulletins } boletins
  }.
status-language = { $written ->
    [0] 0 escritos
    [one] 1 escrito
    [many] { $written } de escritos
   *[other] { $written } escritos
  } ({ $published ->
    [0] 0 publicados
    [one] 1 publicado
    [many] { $published } de publicados
   *[other] { $published } publicados
  }, { $scheduled ->
    [0] 0 agendados
    [one] 1 agendado
    [many] { $scheduled } de agendados
   *[other] { $scheduled } agendados
  }, { $drafts ->
    [0] 0 rascunhos
    [one] 1 rascunho
    [many] { $drafts } de rascunhos
   *[other] { $drafts } rascunhos
  }), { $words ->
    [0] 0 palavras
    [one] 1 palavra
    [many] { $words } de palavras
   *[other] { $words } palavras
  }.
status-missing-count = { $missing ->
    [0] Nenhuma tradução em falta.
    [one] Falta 1 tradução.
    [many] Faltam { $missing } de traduções.
   *[other] Faltam { $missing } traduções.
  }
status-next = Próximo lugar livre: { $arc ->
    [0] semana { $week }
   *[other] arco { $arc }, semana { $week }
  }, { $kind }, { $date }.
status-earlier-arcs = Arcos anteriores
status-arc-texts = { $texts ->
    [0] nenhum texto
    [one] 1 texto
    [many] { $texts } de textos
   *[other] { $texts } textos
  }
status-caption = Cada semana do arco, com o estado de cada texto em cada língua
status-published = publicado
status-scheduled = agendado
status-draft = rascunho
status-missing = em falta
status-outdated = desatualizado
status-untracked = sem registo
status-stale-count = { $outdated ->
    [0] Nenhuma tradução desatualizada
    [one] 1 tradução desatualizada
    [many] { $outdated } de traduções desatualizadas
   *[other] { $outdated } traduções desatualizadas
  }{ $untracked ->
    [0] .
    [one] , 1 versão sem registo (não se sabe qual é o original).
    [many] , { $untracked } de versões sem registo (não se sabe qual é o original).
   *[other] , { $untracked } versões sem registo (não se sabe qual é o original).
  }
new-record-hint = A partir de que versão foi feita esta tradução: `site translated` atualiza o registo quando a tradução voltar a corresponder ao original.
status-empty = livre

## As palavras próprias do site: predefinições neutras, substituídas pela descrição (description), pelo lema (motto) e pelo rodapé (footer) do site.toml.
site-description = Um ensaio { -essay-every } e um boletim { -bulletin-every }, na web e por e-mail.
site-motto = { "" }
site-footer = Publicado { -essay-every } e { -bulletin-every }.
-readers = leitores

## Os dias da semana: os nomes dos tipos de texto e as frases que dizem quando (o [arc] do site.toml).
weekday-monday = segunda-feira
    .every = às segundas-feiras
    .on = na segunda-feira
weekday-tuesday = terça-feira
    .every = às terças-feiras
    .on = na terça-feira
weekday-wednesday = quarta-feira
    .every = às quartas-feiras
    .on = na quarta-feira
weekday-thursday = quinta-feira
    .every = às quintas-feiras
    .on = na quinta-feira
weekday-friday = sexta-feira
    .every = às sextas-feiras
    .on = na sexta-feira
weekday-saturday = sábado
    .every = aos sábados
    .on = no sábado
weekday-sunday = domingo
    .every = aos domingos
    .on = no domingo

not-found-title = Página não encontrada
not-found-text = O endereço pode ter mudado ou o texto ainda não foi escrito.
not-found-home = Voltar ao início

date-long = { $day } de { $month } de { $year }
date-time = { $date }, às { $time }
date-short = { $day } { $month_short }
date-range-same-month = { $start_day }–{ $end_day } de { $month } de { $year }
date-range = { $start } – { $end } de { $year }

month-1 = janeiro
month-2 = fevereiro
month-3 = março
month-4 = abril
month-5 = maio
month-6 = junho
month-7 = julho
month-8 = agosto
month-9 = setembro
month-10 = outubro
month-11 = novembro
month-12 = dezembro
month-short-1 = jan
month-short-2 = fev
month-short-3 = mar
month-short-4 = abr
month-short-5 = mai
month-short-6 = jun
month-short-7 = jul
month-short-8 = ago
month-short-9 = set
month-short-10 = out
month-short-11 = nov
month-short-12 = dez

## O livro do arco (EPUB): a sua ligação na página do arco e as suas próprias páginas (templates/book/)
arc-book = O arco em livro
arc-book-link = Descarregar o livro (EPUB{ $size ->
    [none] {""}
   *[other] , { $size }
  })
arc-book-note = Os textos do arco escritos em português, reunidos num só livro para o seu leitor de livros digitais.
book-contents = Índice
book-cover = Capa
book-colophon = Colofão
book-colophon-text = { $site } — { $arc }: { $texts ->
    [one] 1 texto de { $author }, escrito no período de { $dates }.
    [many] { $texts } de textos de { $author }, escritos no período de { $dates }.
   *[other] { $texts } textos de { $author }, escritos no período de { $dates }.
  }
book-edition = Esta edição reúne os textos tal como estavam a { $date }.
book-elsewhere = Escrito apenas em { $language }: leia-o no site.
book-sources = Fontes
book-on-the-web = Este texto no site

# The subject of an email that sends a text in another language (`other_language = "original"`).
email-subject-elsewhere = { $title } (em { $language })
