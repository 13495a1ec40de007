## Die Oberfläche der Website auf Deutsch. Dieselben Schlüssel wie in en.ftl.
## Was zu einer einzelnen Website gehört, kommt aus ihrer site.toml (src/i18n/site_terms.rs): der Titel als { -site }
## (mit .gender, masculine/feminine/other, für Sätze, die einen Artikel brauchen), die Leserschaft als
## { -readers }, die Wochentage der Texte als { -essay-day }, { -essay-every }, { -essay-on } und die des
## Bulletins; dazu site-description, site-motto und site-footer, wenn die site.toml sie enthält.

language-name = Deutsch
lang-pt-BR = Portugiesisch
lang-en = Englisch
lang-es = Spanisch
lang-pt-PT = Portugiesisch (Portugal)
lang-it = Italienisch
lang-fr = Französisch
lang-de = Deutsch
og-locale = de_DE

skip-link = Zum Inhalt springen
nav-label = Hauptnavigation
nav-arc = Der Zyklus
nav-subscribe = Abonnieren
nav-feed = RSS
nav-language = Sprache
footer-feeds = Feeds

kind-essay = { -essay-day }sessay
kind-bulletin = { -bulletin-day }sbulletin
draft-label = Entwurf
scheduled-label = Geplant für den { $date }

hero-counts = { $weeks ->
    [0] 0 Wochen
    [one] { $weeks } Woche
   *[other] { $weeks } Wochen
  } · { $texts ->
    [0] 0 Texte
    [one] { $texts } Text
   *[other] { $texts } Texte
  }
hero-words = { $thousands ->
    [0] { $words ->
        [one] Rund { $words } Wort, Tendenz steigend
       *[other] Rund { $words } Wörter, Tendenz steigend
    }
   *[other] Rund { $thousands }.000 Wörter, Tendenz steigend
  }
hero-readers = { $readers ->
    [one] Jede Woche ist { $readers } Person dabei.
   *[other] Rund { $readers } { -readers } sind jede Woche dabei.
  }
cta-subscribe = Abonnieren
cta-essay = { -essay-day }sessay
home-newest = Der neueste Text
home-empty = Der erste Text erscheint { -essay-on }.

arc-title = { $weeks ->
    [one] Der Zyklus in { $weeks } Woche
   *[other] Der Zyklus in { $weeks } Wochen
  }
arc-subtitle = Ein Werk, Woche für Woche
arc-lede = Eine Zeile pro Woche: links der { -essay-day }sessay, rechts das { -bulletin-day }sbulletin. Kommende Wochen erscheinen als „demnächst“, vergangene Wochen ohne Text als „kein Text“.
arc-week = Woche
arc-upcoming = demnächst
# Eine vergangene Woche, deren Platz keinen Text enthält.
arc-missed = kein Text
arc-caption = Die Texte des Zyklus, Woche für Woche
# Zyklen (im Code „arcs“): die Nummer, die einen benennt, die Liste aller Zyklen und der nächste während einer Pause.
arc-number = Zyklus { $arc }
arcs-title = Alle Zyklen
arc-entry-counts = { $texts ->
    [0] keine Texte
    [one] { $texts } Text
   *[other] { $texts } Texte
  } · { $words } Wörter
arc-next = Zyklus { $arc } beginnt am { $date }.

# Eine Woche, die außerhalb der Seite ihres Zyklus genannt wird; $arc ist 0, solange die Website nur einen Zyklus hat.
week-name = { $arc ->
    [0] Woche { $week }
   *[other] Zyklus { $arc } · Woche { $week }
  }
post-meta = { week-name } · { $date }
post-updated = Aktualisiert am { $date }
reading-time = { $minutes ->
    [one] { $minutes } Minute Lesezeit
   *[other] { $minutes } Minuten Lesezeit
  }
only-in = Nur auf { $language } verfügbar.
translation-outdated = Das Original auf { $language } wurde nach dieser Übersetzung überarbeitet.
translation-outdated-link = Zum Original
read-in = Auf { $language } lesen
sources-verified = Quellen geprüft in der Woche vom { $range }:
signoff = – { $author }
post-previous = Vorheriger Text
post-next = Nächster Text
post-neighbours = Mehr aus diesem Zyklus
post-tags = Themen
post-cta = Erhalten Sie den nächsten Text per E-Mail, { -essay-every } und { -bulletin-day }.
helpful-question = War diese Seite hilfreich?
helpful-yes = Ja
helpful-no = Nein
helpful-subject-yes = Hilfreich: { $title }
helpful-subject-no = Nicht hilfreich: { $title }

subscribe-title = { -site } abonnieren
subscribe-lede = Zwei Texte pro Woche, direkt in Ihr Postfach: der { -essay-day }sessay und das { -bulletin-day }sbulletin. Keine Werbung, Abmeldung jederzeit möglich.
subscribe-email-label = Ihre E-Mail-Adresse
subscribe-email-placeholder = name@beispiel.de
subscribe-button = Abonnieren
subscribe-honeypot = Dieses Feld bitte leer lassen
subscribe-feeds-title = Lieber mit einem Feedreader?
subscribe-feeds-lede = Jeder Feed enthält die vollständigen Texte.
feed-all = Alle Texte
feed-essays = Nur die { -essay-day }sessays
feed-bulletins = Nur die { -bulletin-day }sbulletins

feed-title-all = { -site } – alle Texte
feed-title-essay = { -site } – { -essay-day }sessays
feed-title-bulletin = { -site } – { -bulletin-day }sbulletins

email-read-on-web = Im Browser lesen
email-why = Sie erhalten diese E-Mail, weil Sie { -site } abonniert haben: { -essay-every } ein Essay, { -bulletin-every } ein Bulletin.
email-unsubscribe = Abmelden
email-links = Links im Text

nav-search = Suche
card-kicker = { $kind } · { week-name }

tags-title = Themen
tags-lede = Die Themen, die sich durch die Wochen ziehen, und wie viele Texte zu jedem gehören.
tags-empty = Noch ist keinem Text ein Thema zugeordnet.
tag-count = { $count ->
    [0] 0 Texte
    [one] { $count } Text
   *[other] { $count } Texte
  }
tag-title = Thema: { $tag }
tag-lede = { $count ->
    [one] Ein Text zum Thema „{ $tag }“.
   *[other] { $count } Texte zum Thema „{ $tag }“, die neuesten zuerst.
  }
# Ein Thema mit mehr Texten, als eine Seite zeigt, auf mehreren Seiten: die neuesten zuerst.
tag-pages = Seiten zum Thema { $tag }
tag-newer = ← Neuere
tag-older = Ältere →
tag-page = Seite { $page } von { $pages }

search-title = Die Texte durchsuchen
search-lede = Suchen Sie nach einem Wort in allen Essays und Bulletins auf Deutsch. Akzente sowie Groß- und Kleinschreibung spielen keine Rolle.
search-label = Wonach suchen Sie?
search-placeholder = ein Wort oder eine Wendung
search-button = Suchen
search-searching = Suche läuft …
search-results = { $count ->
    [0] Keine Treffer für „{ $query }“.
    [one] { $count } Treffer für „{ $query }“.
   *[other] { $count } Treffer für „{ $query }“.
  }
search-noscript = Die Suche braucht JavaScript. Alle Texte finden Sie in der Übersicht des Zyklus:
## `site new`: das Gerüst eines neuen Textes (templates/new/*.md). Erst die Kommentare im Vorspann, dann der Textkörper.
new-title-essay = { $arc ->
    [0] Essay – Woche { $week }
   *[other] Essay – Zyklus { $arc }, Woche { $week }
  }
new-title-bulletin = { week-name }
new-summary-hint = Die Zusammenfassung: ein oder zwei Sätze, unter dem Titel, auf den Karten und in den Feeds.
new-draft-hint = Löschen Sie diese Zeile, wenn der Text fertig ist: Er erscheint dann an seinem Datum.
new-sources-hint = Die für den Text geprüften Quellen, so viele es sind: Entfernen Sie das # am Zeilenanfang.
new-essay-opening = Beginnen Sie mit einer Szene: Was ist passiert, das Sie darauf gebracht hat?
new-essay-heading = Die Idee in einer Zeile
new-essay-close = Schließen Sie mit dem, was Ihre Leserinnen und Leser mitnehmen.
new-bulletin-opening = Zwei oder drei Sätze: wie die Woche war.
new-signal-title = Das Signal der Woche in einem Satz
new-signal-text = Ein Satz: was die Woche gelehrt hat.
new-bulletin-happened = Was passiert ist
new-bulletin-read = Was ich gelesen habe
new-bulletin-next = Was nächste Woche kommt
new-tags-hint = Die Themen des Originals: Übersetzen Sie sie (die Seite jedes Themas versammelt die Texte dieser Sprache).
new-original-summary = Die Zusammenfassung des Originals: { $summary }
new-translates = Übersetzung von { $path } ({ $language }): „{ $title }“. Übersetzen Sie jeden Teil unten und löschen Sie dann diesen Hinweis.

## Die Statusseite der Vorschau (`site serve`, /_status/): nie Teil eines Builds.
status-title = Stand des Zyklus
status-link = Stand des Zyklus ansehen
status-lede = Wo jeder Text heute ({ $today }) in jeder Sprache steht. Diese Seite gibt es nur in der Vorschau.
status-drafts-hidden = Diese Vorschau blendet Entwürfe und geplante Texte aus (--no-drafts): Diese werden als fehlend angezeigt.
status-totals = In Zahlen
status-texts = { $texts ->
    [0] 0 Texte
    [one] { $texts } Text
   *[other] { $texts } Texte
  }: { $essays ->
    [0] 0 Essays
    [one] { $essays } Essay
   *[other] { $essays } Essays
  } und { $bulletins ->
    [0] 0 Bulletins
    [one] { $bulletins } Bulletin
   *[other] { $bulletins } Bulletins
  }.
status-language = { $written } geschrieben ({ $published } veröffentlicht, { $scheduled } geplant, { $drafts ->
    [one] { $drafts } Entwurf
   *[other] { $drafts } Entwürfe
  }), { $words ->
    [one] { $words } Wort
   *[other] { $words } Wörter
  }.
status-missing-count = { $missing ->
    [0] Keine Übersetzung fehlt.
    [one] { $missing } Übersetzung fehlt.
   *[other] { $missing } Übersetzungen fehlen.
  }
status-next = Nächster freier Platz: { $arc ->
    [0] Woche { $week }
   *[other] Zyklus { $arc }, Woche { $week }
  }, { $kind }, { $date }.
status-earlier-arcs = Frühere Zyklen
status-arc-texts = { $texts ->
    [0] kein Text
    [one] { $texts } Text
   *[other] { $texts } Texte
  }
status-caption = Jede Woche des Zyklus, mit dem Stand jedes Textes in jeder Sprache
status-published = veröffentlicht
status-scheduled = geplant
status-draft = Entwurf
status-missing = fehlt
status-outdated = veraltet
status-untracked = nicht erfasst
status-stale-count = { $outdated ->
    [0] Keine Übersetzung veraltet
    [one] { $outdated } Übersetzung veraltet
   *[other] { $outdated } Übersetzungen veraltet
  }{ $untracked ->
    [0] .
    [one] , { $untracked } Fassung nicht erfasst (kein Vermerk, welche das Original ist).
   *[other] , { $untracked } Fassungen nicht erfasst (kein Vermerk, welche das Original ist).
  }
new-record-hint = Die Vorlage dieser Übersetzung: `site translated` aktualisiert diese Angaben, sobald die Übersetzung wieder ihrem Original entspricht.
status-empty = frei

## Die eigenen Worte der Website: neutrale Vorgaben, ersetzt durch Beschreibung, Motto und Fußzeile aus der site.toml.
site-description = Ein Essay { -essay-every } und ein Bulletin { -bulletin-every }, im Web und per E-Mail.
site-motto = { "" }
site-footer = Erscheint { -essay-every } und { -bulletin-every }.
-readers = Leserinnen und Leser

## Die Wochentage: die Namen der Textarten und die Sätze, die sagen, wann (Abschnitt [arc] der site.toml).
weekday-monday = Montag
    .every = jeden Montag
    .on = am Montag
weekday-tuesday = Dienstag
    .every = jeden Dienstag
    .on = am Dienstag
weekday-wednesday = Mittwoch
    .every = jeden Mittwoch
    .on = am Mittwoch
weekday-thursday = Donnerstag
    .every = jeden Donnerstag
    .on = am Donnerstag
weekday-friday = Freitag
    .every = jeden Freitag
    .on = am Freitag
weekday-saturday = Samstag
    .every = jeden Samstag
    .on = am Samstag
weekday-sunday = Sonntag
    .every = jeden Sonntag
    .on = am Sonntag

not-found-title = Seite nicht gefunden
not-found-text = Die Adresse hat sich vielleicht geändert, oder der Text ist noch nicht geschrieben.
not-found-home = Zurück zur Startseite

date-long = { $day }. { $month } { $year }
date-time = { $date } um { $time } Uhr
date-short = { $day }. { $month_short }
date-range-same-month = { $start_day }.–{ $end_day }. { $month } { $year }
date-range = { $start } – { $end } { $year }

month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
month-short-1 = Jan.
month-short-2 = Feb.
month-short-3 = März
month-short-4 = Apr.
month-short-5 = Mai
month-short-6 = Juni
month-short-7 = Juli
month-short-8 = Aug.
month-short-9 = Sept.
month-short-10 = Okt.
month-short-11 = Nov.
month-short-12 = Dez.

## Das Buch des Zyklus (EPUB): sein Link auf der Seite des Zyklus und seine eigenen Seiten (templates/book/)
arc-book = Der Zyklus als Buch
arc-book-link = Buch herunterladen (EPUB{ $size ->
    [none] {""}
   *[other] , { $size }
  })
arc-book-note = Die auf Deutsch geschriebenen Texte des Zyklus in einem Buch für Ihren E-Reader.
book-contents = Inhalt
book-cover = Cover
book-colophon = Impressum
book-colophon-text = { $site } – { $arc }: { $texts ->
    [one] { $texts } Text
   *[other] { $texts } Texte
  } von { $author }, entstanden im Zeitraum { $dates }.
book-edition = Diese Ausgabe enthält die Texte in ihrer Fassung vom { $date }.
book-elsewhere = Nur auf { $language } verfasst – auf der Website zu lesen.
book-sources = Quellen
book-on-the-web = Dieser Text auf der Website

# The subject of an email that sends a text in another language (`other_language = "original"`).
email-subject-elsewhere = { $title } (auf { $language })
