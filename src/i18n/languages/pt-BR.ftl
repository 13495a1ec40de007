## Interface do site em português do Brasil. Chaves iguais em en.ftl.
## O que é de cada site vem do seu site.toml (src/i18n/site_terms.rs): o título em { -site } (com
## .gender, masculine/feminine/other, para as frases que pedem artigo), os leitores em { -readers },
## os dias dos textos em { -essay-day }, { -essay-every }, { -essay-on } e os do boletim; e
## site-description, site-motto e site-footer quando o site.toml os traz.

language-name = Português
lang-pt-BR = português
lang-en = inglês
lang-es = espanhol
lang-pt-PT = português europeu
lang-it = italiano
lang-fr = francês
lang-de = alemão
og-locale = pt_BR

skip-link = Pular para o conteúdo
nav-label = Navegação principal
nav-arc = O arco
nav-subscribe = Assinar
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
   *[other] { $weeks } semanas
  } · { $texts ->
    [0] 0 textos
    [one] 1 texto
   *[other] { $texts } textos
  }
hero-words = { $thousands ->
    [0] Cerca de { $words } palavras e contando
   *[other] Cerca de { $thousands } mil palavras e contando
  }
hero-readers = Cerca de { $readers } { -readers } leem isso toda semana.
cta-subscribe = Assinar
cta-essay = Ensaio de { -essay-day }
home-newest = O texto mais recente
home-empty = O primeiro texto chega { -essay-on }.

arc-title = O arco de { $weeks } semanas
arc-subtitle = Um corpo de trabalho
arc-lede = Uma linha por semana: o ensaio de { -essay-day } à esquerda, o boletim de { -bulletin-day } à direita. As semanas ainda por vir aparecem como “em breve”; as que passaram sem texto, como “sem texto”.
arc-week = Semana
arc-upcoming = em breve
# A past week whose slot holds no text.
arc-missed = sem texto
arc-caption = Os textos do arco, semana a semana
# Arcs: the number that names one, the list of every arc, and the next one during a break.
arc-number = Arco { $arc }
arcs-title = Todos os arcos
arc-entry-counts = { $texts ->
    [0] nenhum texto
    [one] 1 texto
   *[other] { $texts } textos
  } · { $words } palavras
arc-next = O arco { $arc } começa em { $date }.

# A week named outside its arc's page; $arc is 0 while the site has a single arc.
week-name = { $arc ->
    [0] Semana { $week }
   *[other] Arco { $arc } · Semana { $week }
  }
post-meta = { week-name } · { $date }
post-updated = Atualizado em { $date }
reading-time = { $minutes ->
    [one] 1 minuto de leitura
   *[other] { $minutes } minutos de leitura
  }
only-in = Disponível apenas em { $language }.
translation-outdated = O original, em { $language }, foi atualizado depois desta tradução.
translation-outdated-link = Ler o original
read-in = Ler em { $language }
sources-verified = Fontes verificadas na semana de { $range }:
signoff = — { $author }
post-previous = Anterior
post-next = Próximo
post-neighbours = Mais do arco
post-tags = Marcadores
post-cta = Receba o próximo texto por e-mail, { -essay-every } e { -bulletin-day }.
helpful-question = Esta página foi útil?
helpful-yes = Sim
helpful-no = Não
helpful-subject-yes = Útil: { $title }
helpful-subject-no = Pouco útil: { $title }

subscribe-title = { -site.gender ->
    [masculine] Assine o { -site }
    [feminine] Assine a { -site }
   *[other] Assine: { -site }
  }
subscribe-lede = Dois textos por semana, direto na sua caixa de entrada: o ensaio de { -essay-day } e o boletim de { -bulletin-day }. Sem anúncios; cancele quando quiser.
subscribe-email-label = Seu e-mail
subscribe-email-placeholder = voce@exemplo.com.br
subscribe-button = Assinar
subscribe-honeypot = Deixe este campo em branco
subscribe-feeds-title = Prefere um leitor de feeds?
subscribe-feeds-lede = Cada feed traz os textos completos.
feed-all = Todos os textos
feed-essays = Só os ensaios de { -essay-day }
feed-bulletins = Só os boletins de { -bulletin-day }

feed-title-all = { -site } — todos os textos
feed-title-essay = { -site } — ensaios de { -essay-day }
feed-title-bulletin = { -site } — boletins de { -bulletin-day }

email-read-on-web = Ler na web
email-why = Você recebe este e-mail porque assinou { -site.gender ->
    [masculine] o { -site }
    [feminine] a { -site }
   *[other] a newsletter { -site }
  }: um ensaio { -essay-every }, um boletim { -bulletin-every }.
email-unsubscribe = Cancelar a assinatura
email-links = Links do texto

nav-search = Buscar
card-kicker = { $kind } · { week-name }

tags-title = Marcadores
tags-lede = Os assuntos que atravessam as semanas, e quantos textos cada um reúne.
tags-empty = Nenhum texto tem marcadores ainda.
tag-count = { $count ->
    [0] 0 textos
    [one] 1 texto
   *[other] { $count } textos
  }
tag-title = Marcador: { $tag }
tag-lede = { $count ->
    [one] Um texto marcado com “{ $tag }”.
   *[other] { $count } textos marcados com “{ $tag }”, do mais recente ao mais antigo.
  }
# A tag with more texts than a page lists, in pages: newest first.
tag-pages = Páginas de { $tag }
tag-newer = ← Mais recentes
tag-older = Mais antigos →
tag-page = Página { $page } de { $pages }

search-title = Buscar nos textos
search-lede = Procure uma palavra em todos os ensaios e boletins em português. Acentos e maiúsculas não importam.
search-label = O que você procura?
search-placeholder = uma palavra ou expressão
search-button = Buscar
search-searching = Buscando…
search-results = { $count ->
    [0] Nenhum resultado para “{ $query }”.
    [one] 1 resultado para “{ $query }”.
   *[other] { $count } resultados para “{ $query }”.
  }
search-noscript = A busca precisa de JavaScript. Todos os textos estão no arco:
## `site new`: the skeleton of a new text (templates/new/*.md). Comments of the front matter, then the body.
new-title-essay = { $arc ->
    [0] Ensaio da semana { $week }
   *[other] Ensaio da semana { $week } do arco { $arc }
  }
new-title-bulletin = { week-name }
new-summary-hint = O resumo: uma ou duas frases, sob o título, nos cartões e nos feeds.
new-draft-hint = Apague esta linha quando o texto estiver pronto: ele vai ao ar na sua data.
new-sources-hint = As fontes verificadas para o texto, quantas forem: tire o # do começo das linhas.
new-essay-opening = Comece por uma cena: o que aconteceu que fez você pensar nisto?
new-essay-heading = A ideia em uma linha
new-essay-close = Termine com o que o leitor leva consigo.
new-bulletin-opening = Duas ou três frases: como foi a semana.
new-signal-title = O sinal da semana em uma frase
new-signal-text = Uma frase: o que a semana ensinou.
new-bulletin-happened = O que aconteceu
new-bulletin-read = O que li
new-bulletin-next = O que vem na semana que vem
new-tags-hint = Os marcadores do original: traduza-os (a página de cada marcador reúne os textos desta língua).
new-original-summary = O resumo no original: { $summary }
new-translates = Tradução de { $path } ({ $language }): “{ $title }”. Traduza cada parte abaixo e apague esta nota.

## The status page of the preview (`site serve`, /_status/): never part of a build.
status-title = Situação do arco
status-link = ver a situação do arco
status-lede = Onde cada texto está, em cada língua, hoje ({ $today }). Esta página só existe na prévia.
status-drafts-hidden = Esta prévia esconde rascunhos e textos agendados (--no-drafts): eles aparecem como faltando.
status-totals = Em números
status-texts = { $texts ->
    [0] 0 textos
    [one] 1 texto
   *[other] { $texts } textos
  }: { $essays ->
    [0] 0 ensaios
    [one] 1 ensaio
   *[other] { $essays } ensaios
  } e { $bulletins ->
    [0] 0 boletins
    [one] 1 boletim
   *[other] { $bulletins } boletins
  }.
status-language = { $written ->
    [0] 0 escritos
    [one] 1 escrito
   *[other] { $written } escritos
  } ({ $published ->
    [0] 0 publicados
    [one] 1 publicado
   *[other] { $published } publicados
  }, { $scheduled ->
    [0] 0 agendados
    [one] 1 agendado
   *[other] { $scheduled } agendados
  }, { $drafts ->
    [0] 0 rascunhos
    [one] 1 rascunho
   *[other] { $drafts } rascunhos
  }), { $words ->
    [0] 0 palavras
    [one] 1 palavra
   *[other] { $words } palavras
  }.
status-missing-count = { $missing ->
    [0] Nenhuma tradução faltando.
    [one] Falta 1 tradução.
   *[other] Faltam { $missing } traduções.
  }
status-next = Próxima vaga: { $arc ->
    [0] semana { $week }
   *[other] arco { $arc }, semana { $week }
  }, { $kind }, { $date }.
status-earlier-arcs = Arcos anteriores
status-arc-texts = { $texts ->
    [0] nenhum texto
    [one] 1 texto
   *[other] { $texts } textos
  }
status-caption = Cada semana do arco, com a situação de cada texto em cada língua
status-published = publicado
status-scheduled = agendado
status-draft = rascunho
status-missing = faltando
status-outdated = desatualizado
status-untracked = sem registro
status-stale-count = { $outdated ->
    [0] Nenhuma tradução desatualizada
    [one] 1 tradução desatualizada
   *[other] { $outdated } traduções desatualizadas
  }{ $untracked ->
    [0] .
    [one] , 1 versão sem registro (não se sabe qual é o original).
   *[other] , { $untracked } versões sem registro (não se sabe qual é o original).
  }
new-record-hint = De que versão esta tradução foi feita: `site translated` atualiza o registro quando a tradução voltar a corresponder ao original.
status-empty = vaga

## The site's own words: neutral defaults, replaced by site.toml's description, motto and footer.
site-description = Um ensaio { -essay-every } e um boletim { -bulletin-every }, na web e por e-mail.
site-motto = { "" }
site-footer = Publicado { -essay-every } e { -bulletin-every }.
-readers = leitores

## The days of the week: the kinds' names and the sentences that say when (site.toml's [arc]).
weekday-monday = segunda
    .every = toda segunda
    .on = na segunda
weekday-tuesday = terça
    .every = toda terça
    .on = na terça
weekday-wednesday = quarta
    .every = toda quarta
    .on = na quarta
weekday-thursday = quinta
    .every = toda quinta
    .on = na quinta
weekday-friday = sexta
    .every = toda sexta
    .on = na sexta
weekday-saturday = sábado
    .every = todo sábado
    .on = no sábado
weekday-sunday = domingo
    .every = todo domingo
    .on = no domingo

not-found-title = Página não encontrada
not-found-text = O endereço pode ter mudado, ou o texto ainda não foi escrito.
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

## The arc's book (EPUB): its link on the arc's page, and its own pages (templates/book/)
arc-book = O arco em livro
arc-book-link = Baixar o livro (EPUB{ $size ->
    [none] {""}
   *[other] , { $size }
  })
arc-book-note = Os textos do arco escritos em português, num só livro para ler no seu leitor de e-books.
book-contents = Sumário
book-cover = Capa
book-colophon = Colofão
book-colophon-text = { $site } — { $arc }: { $texts ->
    [one] 1 texto
   *[other] { $texts } textos
  } de { $author }, escritos entre { $dates }.
book-edition = Esta edição reúne os textos como estavam em { $date }.
book-elsewhere = Escrito apenas em { $language }: leia no site.
book-sources = Fontes
book-on-the-web = Este texto no site

# The subject of an email that sends a text in another language (`other_language = "original"`).
email-subject-elsewhere = { $title } (em { $language })
