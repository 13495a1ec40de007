## L’interface du site en français. Mêmes clés que en.ftl.
## Ce qui est propre à chaque site vient de son site.toml (src/i18n/site_terms.rs) : le titre dans { -site }
## (avec .gender, masculine/feminine/other, pour les phrases qui demandent un article), les lecteurs dans
## { -readers }, les jours des textes dans { -essay-day }, { -essay-every }, { -essay-on } et ceux du
## bulletin ; et site-description, site-motto et site-footer quand le site.toml les fournit.

language-name = Français
lang-pt-BR = portugais
lang-en = anglais
lang-es = espagnol
lang-pt-PT = portugais européen
lang-it = italien
lang-fr = français
lang-de = allemand
og-locale = fr_FR

skip-link = Aller au contenu
nav-label = Navigation principale
nav-arc = Le cycle
nav-subscribe = S’abonner
nav-feed = RSS
nav-language = Langue
footer-feeds = Flux

kind-essay = Essai du { -essay-day }
kind-bulletin = Bulletin du { -bulletin-day }
draft-label = Brouillon
scheduled-label = Programmé pour le { $date }

hero-counts = { $weeks ->
    [0] 0 semaine
    [one] { $weeks } semaine
    [many] { $weeks } de semaines
   *[other] { $weeks } semaines
  } · { $texts ->
    [0] 0 texte
    [one] { $texts } texte
    [many] { $texts } de textes
   *[other] { $texts } textes
  }
hero-words = { $thousands ->
    [0] { $words ->
        [one] Environ { $words } mot, et ce n’est pas fini
       *[other] Environ { $words } mots, et ce n’est pas fini
    }
   *[other] Environ { $thousands } 000 mots, et ce n’est pas fini
  }
hero-readers = { $readers ->
    [one] Chaque semaine, { $readers } personne est au rendez-vous.
    [many] Chaque semaine, environ { $readers } de { -readers } sont au rendez-vous.
   *[other] Chaque semaine, environ { $readers } { -readers } sont au rendez-vous.
  }
cta-subscribe = S’abonner
cta-essay = L’essai du { -essay-day }
home-newest = Le dernier texte
home-empty = Le premier texte arrive { -essay-on }.

arc-title = { $weeks ->
    [one] Le cycle de { $weeks } semaine
    [many] Le cycle de { $weeks } de semaines
   *[other] Le cycle de { $weeks } semaines
  }
arc-subtitle = Une œuvre au fil des semaines
arc-lede = Une ligne par semaine : l’essai du { -essay-day } à gauche, le bulletin du { -bulletin-day } à droite. Les semaines encore à venir sont marquées « à venir » ; les semaines passées sans texte, « pas de texte ».
arc-week = Semaine
arc-upcoming = à venir
# Une semaine passée dont la case ne contient aucun texte.
arc-missed = pas de texte
arc-caption = Les textes du cycle, semaine par semaine
# Les cycles (arcs, dans le code) : le numéro qui en nomme un, la liste de tous les cycles, et le suivant pendant une pause.
arc-number = Cycle { $arc }
arcs-title = Tous les cycles
arc-entry-counts = { $texts ->
    [0] aucun texte
    [one] { $texts } texte
    [many] { $texts } de textes
   *[other] { $texts } textes
  } · { $words } mots
arc-next = Le cycle { $arc } commence le { $date }.

# Une semaine nommée hors de la page de son cycle ; $arc vaut 0 tant que le site n’a qu’un seul cycle.
week-name = { $arc ->
    [0] Semaine { $week }
   *[other] Cycle { $arc } · Semaine { $week }
  }
post-meta = { week-name } · { $date }
post-updated = Mis à jour le { $date }
reading-time = { $minutes ->
    [one] { $minutes } minute de lecture
    [many] { $minutes } de minutes de lecture
   *[other] { $minutes } minutes de lecture
  }
only-in = Disponible uniquement en { $language }.
translation-outdated = L’original, en { $language }, a été modifié après cette traduction.
translation-outdated-link = Lire l’original
read-in = Lire en { $language }
sources-verified = Sources vérifiées la semaine du { $range } :
signoff = — { $author }
post-previous = Précédent
post-next = Suivant
post-neighbours = Dans le même cycle
post-tags = Thèmes
post-cta = Recevez les prochains textes par e-mail, { -essay-every } et { -bulletin-every }.
helpful-question = Cette page vous a-t-elle été utile ?
helpful-yes = Oui
helpful-no = Non
helpful-subject-yes = Utile : { $title }
helpful-subject-no = Pas utile : { $title }

subscribe-title = S’abonner à { -site }
subscribe-lede = Deux textes par semaine, directement dans votre boîte de réception : l’essai du { -essay-day } et le bulletin du { -bulletin-day }. Pas de publicité ; désabonnement possible à tout moment.
subscribe-email-label = Votre adresse e-mail
subscribe-email-placeholder = vous@exemple.fr
subscribe-button = S’abonner
subscribe-honeypot = Laissez ce champ vide
subscribe-feeds-title = Vous préférez un lecteur de flux ?
subscribe-feeds-lede = Chaque flux contient les textes en entier.
feed-all = Tous les textes
feed-essays = Seulement les essais du { -essay-day }
feed-bulletins = Seulement les bulletins du { -bulletin-day }

feed-title-all = { -site } — tous les textes
feed-title-essay = { -site } — essais du { -essay-day }
feed-title-bulletin = { -site } — bulletins du { -bulletin-day }

email-read-on-web = Lire en ligne
email-why = Vous recevez cet e-mail parce que votre adresse est inscrite à { -site } : un essai { -essay-every }, un bulletin { -bulletin-every }.
email-unsubscribe = Se désabonner
email-links = Liens du texte

nav-search = Rechercher
card-kicker = { $kind } · { week-name }

tags-title = Thèmes
tags-lede = Les sujets qui traversent les semaines, et le nombre de textes que chacun rassemble.
tags-empty = Aucun texte n’a encore de thème.
tag-count = { $count ->
    [0] 0 texte
    [one] { $count } texte
    [many] { $count } de textes
   *[other] { $count } textes
  }
tag-title = Thème : { $tag }
tag-lede = { $count ->
    [0] Aucun texte sur le thème « { $tag } ».
    [one] Un seul texte sur le thème « { $tag } ».
    [many] { $count } de textes sur le thème « { $tag } », du plus récent au plus ancien.
   *[other] { $count } textes sur le thème « { $tag } », du plus récent au plus ancien.
  }
# Un thème qui a plus de textes qu’une page n’en montre, en pages : les plus récents d’abord.
tag-pages = Pages du thème « { $tag } »
tag-newer = ← Plus récents
tag-older = Plus anciens →
tag-page = Page { $page } sur { $pages }

search-title = Rechercher dans les textes
search-lede = Cherchez un mot dans tous les essais et bulletins écrits en français. Ni les accents ni les majuscules ne comptent.
search-label = Que cherchez-vous ?
search-placeholder = un mot ou une expression
search-button = Rechercher
search-searching = Recherche en cours…
search-results = { $count ->
    [0] Aucun résultat pour « { $query } ».
    [one] { $count } résultat pour « { $query } ».
    [many] { $count } de résultats pour « { $query } ».
   *[other] { $count } résultats pour « { $query } ».
  }
search-noscript = La recherche a besoin de JavaScript. Tous les textes sont listés dans le cycle :
## `site new` : le squelette d’un nouveau texte (templates/new/*.md). Les commentaires de l’en-tête, puis le corps.
new-title-essay = { $arc ->
    [0] Essai de la semaine { $week }
   *[other] Essai de la semaine { $week }, cycle { $arc }
  }
new-title-bulletin = { week-name }
new-summary-hint = Le résumé : une ou deux phrases, sous le titre, sur les cartes et dans les flux.
new-draft-hint = Supprimez cette ligne quand le texte est prêt : il sera mis en ligne à sa date.
new-sources-hint = Les sources vérifiées pour le texte, autant qu’il y en a : retirez le # au début des lignes.
new-essay-opening = Commencez par une scène : que s’est-il passé qui vous a fait penser à cela ?
new-essay-heading = L’idée en une ligne
new-essay-close = Terminez sur ce que le lecteur en retient.
new-bulletin-opening = Deux ou trois phrases : comment s’est passée la semaine.
new-signal-title = Le signal de la semaine en une phrase
new-signal-text = Une phrase : ce que la semaine a appris.
new-bulletin-happened = Ce qui s’est passé
new-bulletin-read = Ce que j’ai lu
new-bulletin-next = Au programme la semaine prochaine
new-tags-hint = Les thèmes de l’original : traduisez-les (la page de chaque thème rassemble les textes de cette langue).
new-original-summary = Le résumé de l’original : { $summary }
new-translates = Traduction de { $path } ({ $language }) : « { $title } ». Traduisez chaque partie ci-dessous, puis supprimez cette note.

## La page d’état de l’aperçu (`site serve`, /_status/) : jamais incluse dans une compilation.
status-title = État du cycle
status-link = voir l’état du cycle
status-lede = Où en est chaque texte, dans chaque langue, aujourd’hui ({ $today }). Cette page n’existe que dans l’aperçu.
status-drafts-hidden = Cet aperçu masque les brouillons et les textes programmés (--no-drafts) : ils apparaissent comme manquants.
status-totals = En chiffres
status-texts = { $texts ->
    [0] 0 texte
    [one] { $texts } texte
    [many] { $texts } de textes
   *[other] { $texts } textes
  } : { $essays ->
    [0] 0 essai
    [one] { $essays } essai
    [many] { $essays } d’essais
   *[other] { $essays } essais
  } et { $bulletins ->
    [0] 0 bulletin
    [one] { $bulletins } bulletin
    [many] { $bulletins } de bulletins
   *[other] { $bulletins } bulletins
  }.
status-language = { $written ->
    [0] 0 écrit
    [one] { $written } écrit
   *[other] { $written } écrits
  } ({ $published ->
    [0] 0 publié
    [one] { $published } publié
   *[other] { $published } publiés
  }, { $scheduled ->
    [0] 0 programmé
    [one] { $scheduled } programmé
   *[other] { $scheduled } programmés
  }, { $drafts ->
    [0] 0 brouillon
    [one] { $drafts } brouillon
    [many] { $drafts } de brouillons
   *[other] { $drafts } brouillons
  }), { $words ->
    [0] 0 mot
    [one] { $words } mot
    [many] { $words } de mots
   *[other] { $words } mots
  }.
status-missing-count = { $missing ->
    [0] Aucune traduction manquante.
    [one] { $missing } traduction manquante.
    [many] { $missing } de traductions manquantes.
   *[other] { $missing } traductions manquantes.
  }
status-next = Prochain créneau libre : { $arc ->
    [0] semaine { $week }
   *[other] cycle { $arc }, semaine { $week }
  }, { $kind }, { $date }.
status-earlier-arcs = Cycles précédents
status-arc-texts = { $texts ->
    [0] aucun texte
    [one] { $texts } texte
    [many] { $texts } de textes
   *[other] { $texts } textes
  }
status-caption = Chaque semaine du cycle, avec l’état de chaque texte dans chaque langue
status-published = publié
status-scheduled = programmé
status-draft = brouillon
status-missing = manquant
status-outdated = obsolète
status-untracked = non suivi
status-stale-count = { $outdated ->
    [0] Aucune traduction obsolète
    [one] { $outdated } traduction obsolète
    [many] { $outdated } de traductions obsolètes
   *[other] { $outdated } traductions obsolètes
  }{ $untracked ->
    [0] .
    [one] , { $untracked } version non suivie (rien n’indique laquelle est l’original).
    [many] , { $untracked } de versions non suivies (rien n’indique laquelle est l’original).
   *[other] , { $untracked } versions non suivies (rien n’indique laquelle est l’original).
  }
new-record-hint = La version de l’original dont cette traduction est tirée : `site translated` met ces lignes à jour dès que la traduction correspond de nouveau à son original.
status-empty = libre

## Les mots propres au site : des valeurs neutres par défaut, remplacées par la description, la devise et le pied de page du site.toml.
site-description = Un essai { -essay-every } et un bulletin { -bulletin-every }, en ligne et par e-mail.
site-motto = { "" }
site-footer = Publié { -essay-every } et { -bulletin-every }.
-readers = lecteurs

## Les jours de la semaine : les noms des types de textes et les phrases qui disent quand (section [arc] du site.toml).
weekday-monday = lundi
    .every = tous les lundis
    .on = lundi
weekday-tuesday = mardi
    .every = tous les mardis
    .on = mardi
weekday-wednesday = mercredi
    .every = tous les mercredis
    .on = mercredi
weekday-thursday = jeudi
    .every = tous les jeudis
    .on = jeudi
weekday-friday = vendredi
    .every = tous les vendredis
    .on = vendredi
weekday-saturday = samedi
    .every = tous les samedis
    .on = samedi
weekday-sunday = dimanche
    .every = tous les dimanches
    .on = dimanche

not-found-title = Page introuvable
not-found-text = L’adresse a peut-être changé, ou le texte n’est pas encore écrit.
not-found-home = Retour à l’accueil

date-long = { $day } { $month } { $year }
date-time = { $date } à { $time }
date-short = { $day } { $month_short }
date-range-same-month = { $start_day }–{ $end_day } { $month } { $year }
date-range = { $start } – { $end } { $year }

month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
month-short-1 = janv.
month-short-2 = févr.
month-short-3 = mars
month-short-4 = avr.
month-short-5 = mai
month-short-6 = juin
month-short-7 = juil.
month-short-8 = août
month-short-9 = sept.
month-short-10 = oct.
month-short-11 = nov.
month-short-12 = déc.

## Le livre du cycle (EPUB) : son lien sur la page du cycle, et ses propres pages (templates/book/)
arc-book = Le cycle en livre
arc-book-link = Télécharger le livre (EPUB{ $size ->
    [none] {""}
   *[other] , { $size }
  })
arc-book-note = Les textes du cycle écrits en français, réunis en un seul livre pour votre liseuse.
book-contents = Table des matières
book-cover = Couverture
book-colophon = Colophon
book-colophon-text = { $site } — { $arc } : { $texts ->
    [one] { $texts } texte écrit par { $author } ({ $dates }).
    [many] { $texts } de textes écrits par { $author } ({ $dates }).
   *[other] { $texts } textes écrits par { $author } ({ $dates }).
  }
book-edition = Cette édition rassemble les textes tels qu’ils étaient le { $date }.
book-elsewhere = Écrit uniquement en { $language } : à lire sur le site.
book-sources = Sources
book-on-the-web = Ce texte sur le site

# The subject of an email that sends a text in another language (`other_language = "original"`).
email-subject-elsewhere = { $title } (en { $language })
