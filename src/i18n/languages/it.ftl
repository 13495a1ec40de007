## L'interfaccia del sito in italiano. Stesse chiavi di en.ftl.
## Ciò che appartiene a ciascun sito viene dal suo site.toml (src/i18n/site_terms.rs): il titolo in { -site }
## (con .gender, masculine/feminine/other, per le frasi che richiedono l'articolo), i lettori in
## { -readers }, i giorni dei testi in { -essay-day }, { -essay-every }, { -essay-on } e quelli del
## bollettino; e site-description, site-motto e site-footer quando il site.toml li contiene.

language-name = Italiano
lang-pt-BR = portoghese brasiliano
lang-en = inglese
lang-es = spagnolo
lang-pt-PT = portoghese europeo
lang-it = italiano
lang-fr = francese
lang-de = tedesco
og-locale = it_IT

skip-link = Vai al contenuto
nav-label = Navigazione principale
nav-arc = L'arco
nav-subscribe = Iscriviti
nav-feed = RSS
nav-language = Lingua
footer-feeds = Feed

kind-essay = Saggio di { -essay-day }
kind-bulletin = Bollettino di { -bulletin-day }
draft-label = Bozza
scheduled-label = Programmato: { $date }

hero-counts = { $weeks ->
    [0] 0 settimane
    [one] 1 settimana
    [many] { $weeks } di settimane
   *[other] { $weeks } settimane
  } · { $texts ->
    [0] 0 testi
    [one] 1 testo
    [many] { $texts } di testi
   *[other] { $texts } testi
  }
hero-words = { $thousands ->
    [0] Circa { $words } parole, e il conto sale
    [one] Circa mille parole, e il conto sale
   *[other] Circa { $thousands } mila parole, e il conto sale
  }
hero-readers = Ogni settimana ci leggono circa { $readers } { -readers }.
cta-subscribe = Iscriviti
cta-essay = Saggio di { -essay-day }
home-newest = Il testo più recente
home-empty = Il primo testo arriva { -essay-on }.

arc-title = { $weeks ->
    [one] L'arco di 1 settimana
    [many] L'arco di { $weeks } di settimane
   *[other] L'arco di { $weeks } settimane
  }
arc-subtitle = Un corpus di scritti
arc-lede = Una riga per settimana: il saggio di { -essay-day } a sinistra, il bollettino di { -bulletin-day } a destra. Le settimane ancora da venire compaiono come «in arrivo»; quelle passate senza nulla di scritto, come «nessun testo».
arc-week = Settimana
arc-upcoming = in arrivo
# Una settimana passata il cui spazio non contiene alcun testo.
arc-missed = nessun testo
arc-caption = I testi dell'arco, settimana per settimana
# Archi: il numero che ne identifica uno, l'elenco di tutti gli archi e il prossimo durante una pausa.
arc-number = Arco { $arc }
arcs-title = Tutti gli archi
arc-entry-counts = { $texts ->
    [0] nessun testo
    [one] 1 testo
    [many] { $texts } di testi
   *[other] { $texts } testi
  } · { $words } parole
arc-next = Inizio dell'arco { $arc }: { $date }.

# Una settimana citata fuori dalla pagina del suo arco; $arc vale 0 finché il sito ha un solo arco.
week-name = { $arc ->
    [0] Settimana { $week }
   *[other] Arco { $arc } · Settimana { $week }
  }
post-meta = { week-name } · { $date }
post-updated = Aggiornato: { $date }
reading-time = { $minutes ->
    [one] 1 minuto di lettura
    [many] { $minutes } di minuti di lettura
   *[other] { $minutes } minuti di lettura
  }
only-in = Disponibile solo in { $language }.
translation-outdated = L'originale, in { $language }, è stato aggiornato dopo questa traduzione.
translation-outdated-link = Leggi l'originale
read-in = Leggi in { $language }
sources-verified = Fonti verificate nella settimana { $range }:
signoff = — { $author }
post-previous = Precedente
post-next = Successivo
post-neighbours = Altri testi dell'arco
post-tags = Tag
post-cta = Ricevi il prossimo testo via email, { -essay-every } e { -bulletin-day }.
helpful-question = Questa pagina ti è stata utile?
helpful-yes = Sì
helpful-no = No
helpful-subject-yes = Utile: { $title }
helpful-subject-no = Poco utile: { $title }

subscribe-title = Iscriviti a { -site }
subscribe-lede = Due testi a settimana, direttamente nella tua casella di posta: il saggio di { -essay-day } e il bollettino di { -bulletin-day }. Niente pubblicità; puoi annullare l'iscrizione quando vuoi.
subscribe-email-label = La tua email
subscribe-email-placeholder = tu@esempio.it
subscribe-button = Iscriviti
subscribe-honeypot = Lascia vuoto questo campo
subscribe-feeds-title = Preferisci un lettore di feed?
subscribe-feeds-lede = Ogni feed contiene i testi completi.
feed-all = Tutti i testi
feed-essays = Solo i saggi di { -essay-day }
feed-bulletins = Solo i bollettini di { -bulletin-day }

feed-title-all = { -site } — tutti i testi
feed-title-essay = { -site } — saggi di { -essay-day }
feed-title-bulletin = { -site } — bollettini di { -bulletin-day }

email-read-on-web = Leggi sul web
email-why = Ricevi questa email perché hai effettuato l'iscrizione a { -site }: un saggio { -essay-every }, un bollettino { -bulletin-every }.
email-unsubscribe = Annulla l'iscrizione
email-links = Link nel testo

nav-search = Cerca
card-kicker = { $kind } · { week-name }

tags-title = Tag
tags-lede = Gli argomenti che attraversano le settimane e quanti testi raccoglie ciascuno.
tags-empty = Nessun testo ha ancora dei tag.
tag-count = { $count ->
    [0] 0 testi
    [one] 1 testo
    [many] { $count } di testi
   *[other] { $count } testi
  }
tag-title = Tag: { $tag }
tag-lede = { $count ->
    [one] Un testo con il tag «{ $tag }».
    [many] { $count } di testi con il tag «{ $tag }», dal più recente al meno recente.
   *[other] { $count } testi con il tag «{ $tag }», dal più recente al meno recente.
  }
# Un tag con più testi di quanti ne contenga una pagina, diviso in pagine: prima i più recenti.
tag-pages = Pagine di { $tag }
tag-newer = ← Più recenti
tag-older = Meno recenti →
tag-page = Pagina { $page } di { $pages }

search-title = Cerca nei testi
search-lede = Cerca una parola in tutti i saggi e i bollettini scritti in italiano. Accenti e maiuscole non contano.
search-label = Che cosa stai cercando?
search-placeholder = una parola o un'espressione
search-button = Cerca
search-searching = Ricerca in corso…
search-results = { $count ->
    [0] Nessun risultato per «{ $query }».
    [one] 1 risultato per «{ $query }».
    [many] { $count } di risultati per «{ $query }».
   *[other] { $count } risultati per «{ $query }».
  }
search-noscript = La ricerca richiede JavaScript. Tutti i testi sono elencati nell'arco:
## `site new`: lo scheletro di un nuovo testo (templates/new/*.md). Prima i commenti del front matter, poi il corpo.
new-title-essay = { $arc ->
    [0] Saggio della settimana { $week }
   *[other] Saggio della settimana { $week }, arco { $arc }
  }
new-title-bulletin = { week-name }
new-summary-hint = Il sommario: una o due frasi, sotto il titolo, nelle schede e nei feed.
new-draft-hint = Cancella questa riga quando il testo è pronto: verrà pubblicato alla sua data.
new-sources-hint = Le fonti verificate per il testo, tutte quelle che ci sono: togli il # all'inizio delle righe.
new-essay-opening = Comincia da una scena: che cosa è successo che ti ha fatto pensare a questo?
new-essay-heading = L'idea in una riga
new-essay-close = Chiudi con ciò che il lettore porta con sé.
new-bulletin-opening = Due o tre frasi: com'è andata la settimana.
new-signal-title = Il segnale della settimana in una frase
new-signal-text = Una frase: che cosa ha insegnato la settimana.
new-bulletin-happened = Che cosa è successo
new-bulletin-read = Che cosa ho letto
new-bulletin-next = Che cosa arriva la settimana prossima
new-tags-hint = I tag dell'originale: traducili (la pagina di ogni tag raccoglie i testi di questa lingua).
new-original-summary = Il sommario dell'originale: { $summary }
new-translates = Traduzione di { $path } ({ $language }): «{ $title }». Traduci ogni parte qui sotto, poi cancella questa nota.

## La pagina di stato dell'anteprima (`site serve`, /_status/): non fa mai parte di una build.
status-title = Stato dell'arco
status-link = vedi lo stato dell'arco
status-lede = A che punto è ogni testo, in ogni lingua, oggi ({ $today }). Questa pagina esiste solo nell'anteprima.
status-drafts-hidden = Questa anteprima nasconde le bozze e i testi programmati (--no-drafts): risultano mancanti.
status-totals = In cifre
status-texts = { $texts ->
    [0] 0 testi
    [one] 1 testo
    [many] { $texts } di testi
   *[other] { $texts } testi
  }: { $essays ->
    [0] 0 saggi
    [one] 1 saggio
    [many] { $essays } di saggi
   *[other] { $essays } saggi
  } e { $bulletins ->
    [0] 0 bollettini
    [one] 1 bollettino
    [many] { $bulletins } di bollettini
   *[other] { $bulletins } bollettini
  }.
status-language = { $written ->
    [0] 0 scritti
    [one] 1 scritto
    [many] { $written } di scritti
   *[other] { $written } scritti
  } ({ $published ->
    [0] 0 pubblicati
    [one] 1 pubblicato
    [many] { $published } di pubblicati
   *[other] { $published } pubblicati
  }, { $scheduled ->
    [0] 0 programmati
    [one] 1 programmato
    [many] { $scheduled } di programmati
   *[other] { $scheduled } programmati
  }, { $drafts ->
    [0] 0 bozze
    [one] 1 bozza
    [many] { $drafts } di bozze
   *[other] { $drafts } bozze
  }), { $words ->
    [0] 0 parole
    [one] 1 parola
    [many] { $words } di parole
   *[other] { $words } parole
  }.
status-missing-count = { $missing ->
    [0] Nessuna traduzione mancante.
    [one] Manca 1 traduzione.
    [many] Mancano { $missing } di traduzioni.
   *[other] Mancano { $missing } traduzioni.
  }
status-next = Prossimo spazio libero: { $arc ->
    [0] settimana { $week }
   *[other] arco { $arc }, settimana { $week }
  }, { $kind }, { $date }.
status-earlier-arcs = Archi precedenti
status-arc-texts = { $texts ->
    [0] nessun testo
    [one] 1 testo
    [many] { $texts } di testi
   *[other] { $texts } testi
  }
status-caption = Ogni settimana dell'arco, con lo stato di ciascun testo in ogni lingua
status-published = pubblicato
status-scheduled = programmato
status-draft = bozza
status-missing = mancante
status-outdated = da aggiornare
status-untracked = non tracciato
status-stale-count = { $outdated ->
    [0] Nessuna traduzione da aggiornare
    [one] 1 traduzione da aggiornare
    [many] { $outdated } di traduzioni da aggiornare
   *[other] { $outdated } traduzioni da aggiornare
  }{ $untracked ->
    [0] .
    [one] , 1 versione non tracciata (non risulta quale sia l'originale).
    [many] , { $untracked } di versioni non tracciate (non risulta quale sia l'originale).
   *[other] , { $untracked } versioni non tracciate (non risulta quale sia l'originale).
  }
new-record-hint = Da quale versione è stata fatta questa traduzione: `site translated` aggiorna questi dati quando la traduzione torna a corrispondere al suo originale.
status-empty = libero

## Le parole proprie del sito: valori neutri predefiniti, sostituiti dalla descrizione (description), dal motto (motto) e dal piè di pagina (footer) del site.toml.
site-description = Un saggio { -essay-every } e un bollettino { -bulletin-every }, sul web e via email.
site-motto = { "" }
site-footer = Esce { -essay-every } e { -bulletin-every }.
-readers = lettori

## I giorni della settimana: i nomi dei tipi di testo e le frasi che dicono quando (il blocco [arc] del site.toml).
weekday-monday = lunedì
    .every = ogni lunedì
    .on = lunedì
weekday-tuesday = martedì
    .every = ogni martedì
    .on = martedì
weekday-wednesday = mercoledì
    .every = ogni mercoledì
    .on = mercoledì
weekday-thursday = giovedì
    .every = ogni giovedì
    .on = giovedì
weekday-friday = venerdì
    .every = ogni venerdì
    .on = venerdì
weekday-saturday = sabato
    .every = ogni sabato
    .on = sabato
weekday-sunday = domenica
    .every = ogni domenica
    .on = domenica

not-found-title = Pagina non trovata
not-found-text = L'indirizzo potrebbe essere cambiato, oppure il testo non è ancora stato scritto.
not-found-home = Torna all'inizio

date-long = { $day } { $month } { $year }
date-time = { $date }, ore { $time }
date-short = { $day } { $month_short }
date-range-same-month = { $start_day }–{ $end_day } { $month } { $year }
date-range = { $start } – { $end } { $year }

month-1 = gennaio
month-2 = febbraio
month-3 = marzo
month-4 = aprile
month-5 = maggio
month-6 = giugno
month-7 = luglio
month-8 = agosto
month-9 = settembre
month-10 = ottobre
month-11 = novembre
month-12 = dicembre
month-short-1 = gen
month-short-2 = feb
month-short-3 = mar
month-short-4 = apr
month-short-5 = mag
month-short-6 = giu
month-short-7 = lug
month-short-8 = ago
month-short-9 = set
month-short-10 = ott
month-short-11 = nov
month-short-12 = dic

## Il libro dell'arco (EPUB): il suo link nella pagina dell'arco e le sue pagine (templates/book/)
arc-book = L'arco in un libro
arc-book-link = Scarica il libro (EPUB{ $size ->
    [none] {""}
   *[other] , { $size }
  })
arc-book-note = I testi dell'arco scritti in italiano, riuniti in un unico libro per il tuo e-reader.
book-contents = Indice
book-cover = Copertina
book-colophon = Colophon
book-colophon-text = { $site } — { $arc }: { $texts ->
    [one] 1 testo di { $author }, scritto nel periodo { $dates }.
    [many] { $texts } di testi di { $author }, scritti nel periodo { $dates }.
   *[other] { $texts } testi di { $author }, scritti nel periodo { $dates }.
  }
book-edition = Questa edizione raccoglie i testi così com'erano in data { $date }.
book-elsewhere = Scritto solo in { $language }: leggilo sul sito.
book-sources = Fonti
book-on-the-web = Questo testo sul sito

# The subject of an email that sends a text in another language (`other_language = "original"`).
email-subject-elsewhere = { $title } (in { $language })
