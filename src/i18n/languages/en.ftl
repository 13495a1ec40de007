## The site's interface in English. Same keys as pt-BR.ftl.
## What belongs to one site comes from its site.toml (src/i18n/site_terms.rs): the title as { -site }
## (with .gender, masculine/feminine/other, for sentences that need an article), the readers as
## { -readers }, the texts' days as { -essay-day }, { -essay-every }, { -essay-on } and the
## bulletin's; and site-description, site-motto and site-footer when site.toml has them.

language-name = English
lang-pt-BR = Portuguese
lang-en = English
lang-es = Spanish
lang-pt-PT = European Portuguese
lang-it = Italian
lang-fr = French
lang-de = German
og-locale = en_US

skip-link = Skip to content
nav-label = Main navigation
nav-arc = The arc
nav-subscribe = Subscribe
nav-feed = RSS
nav-language = Language
footer-feeds = Feeds

kind-essay = { -essay-day } essay
kind-bulletin = { -bulletin-day } bulletin
draft-label = Draft
scheduled-label = Scheduled for { $date }

hero-counts = { $weeks ->
    [one] 1 week
   *[other] { $weeks } weeks
  } · { $texts ->
    [one] 1 text
   *[other] { $texts } texts
  }
hero-words = { $thousands ->
    [0] About { $words } words and counting
   *[other] About { $thousands } thousand words and counting
  }
hero-readers = About { $readers } { -readers } read this every week.
cta-subscribe = Subscribe
cta-essay = { -essay-day } essay
home-newest = The latest text
home-empty = The first text arrives { -essay-on }.

arc-title = The { $weeks }-week arc
arc-subtitle = A body of work
arc-lede = One row a week: the { -essay-day } essay on the left, the { -bulletin-day } bulletin on the right. Weeks still to come show as “upcoming”; past weeks with nothing written, as “no text”.
arc-week = Week
arc-upcoming = upcoming
# A past week whose slot holds no text.
arc-missed = no text
arc-caption = The texts of the arc, week by week
# Arcs: the number that names one, the list of every arc, and the next one during a break.
arc-number = Arc { $arc }
arcs-title = All arcs
arc-entry-counts = { $texts ->
    [0] no texts
    [one] 1 text
   *[other] { $texts } texts
  } · { $words } words
arc-next = Arc { $arc } begins on { $date }.

# A week named outside its arc's page; $arc is 0 while the site has a single arc.
week-name = { $arc ->
    [0] Week { $week }
   *[other] Arc { $arc } · Week { $week }
  }
post-meta = { week-name } · { $date }
post-updated = Updated { $date }
reading-time = { $minutes ->
    [one] 1 minute read
   *[other] { $minutes } minute read
  }
only-in = Available only in { $language }.
translation-outdated = The original, in { $language }, was updated after this translation.
translation-outdated-link = Read the original
read-in = Read in { $language }
sources-verified = Sources verified the week of { $range }:
signoff = — { $author }
post-previous = Previous
post-next = Next
post-neighbours = More from the arc
post-tags = Tags
post-cta = Get the next text by email, { -essay-every } and { -bulletin-day }.
helpful-question = Was this page helpful?
helpful-yes = Yes
helpful-no = No
helpful-subject-yes = Helpful: { $title }
helpful-subject-no = Not helpful: { $title }

subscribe-title = Subscribe to { -site }
subscribe-lede = Two texts a week, straight to your inbox: the { -essay-day } essay and the { -bulletin-day } bulletin. No ads; unsubscribe any time.
subscribe-email-label = Your email
subscribe-email-placeholder = you@example.com
subscribe-button = Subscribe
subscribe-honeypot = Leave this field empty
subscribe-feeds-title = Prefer a feed reader?
subscribe-feeds-lede = Every feed carries the full texts.
feed-all = All texts
feed-essays = { -essay-day } essays only
feed-bulletins = { -bulletin-day } bulletins only

feed-title-all = { -site } — all texts
feed-title-essay = { -site } — { -essay-day } essays
feed-title-bulletin = { -site } — { -bulletin-day } bulletins

email-read-on-web = Read it on the web
email-why = You get this email because you subscribed to { -site }: an essay { -essay-every }, a bulletin { -bulletin-every }.
email-unsubscribe = Unsubscribe
email-links = Links in the text

nav-search = Search
card-kicker = { $kind } · { week-name }

tags-title = Tags
tags-lede = The subjects that run through the weeks, and how many texts each one gathers.
tags-empty = No text has tags yet.
tag-count = { $count ->
    [one] 1 text
   *[other] { $count } texts
  }
tag-title = Tag: { $tag }
tag-lede = { $count ->
    [one] One text tagged “{ $tag }”.
   *[other] { $count } texts tagged “{ $tag }”, newest first.
  }
# A tag with more texts than a page lists, in pages: newest first.
tag-pages = Pages of { $tag }
tag-newer = ← Newer
tag-older = Older →
tag-page = Page { $page } of { $pages }

search-title = Search the texts
search-lede = Look for a word in every essay and bulletin written in English. Accents and capitals do not matter.
search-label = What are you looking for?
search-placeholder = a word or phrase
search-button = Search
search-searching = Searching…
search-results = { $count ->
    [0] No results for “{ $query }”.
    [one] 1 result for “{ $query }”.
   *[other] { $count } results for “{ $query }”.
  }
search-noscript = Search needs JavaScript. Every text is listed in the arc:
## `site new`: the skeleton of a new text (templates/new/*.md). Comments of the front matter, then the body.
new-title-essay = { $arc ->
    [0] Essay of week { $week }
   *[other] Essay of week { $week }, arc { $arc }
  }
new-title-bulletin = { week-name }
new-summary-hint = The summary: one or two sentences, under the title, in cards and in feeds.
new-draft-hint = Delete this line when the text is ready: it goes live on its date.
new-sources-hint = The sources verified for the text, as many as there are: remove the # at the start of the lines.
new-essay-opening = Start with a scene: what happened that made you think of this?
new-essay-heading = The idea in one line
new-essay-close = End with what the reader takes away.
new-bulletin-opening = Two or three sentences: how the week went.
new-signal-title = The week's signal in one sentence
new-signal-text = One sentence: what the week taught.
new-bulletin-happened = What happened
new-bulletin-read = What I read
new-bulletin-next = What comes next week
new-tags-hint = The original's tags: translate them (each tag's page gathers the texts of this language).
new-original-summary = The original's summary: { $summary }
new-translates = Translation of { $path } ({ $language }): “{ $title }”. Translate each part below, then delete this note.

## The status page of the preview (`site serve`, /_status/): never part of a build.
status-title = Arc status
status-link = see the arc's status
status-lede = Where each text stands, in each language, today ({ $today }). This page exists only in the preview.
status-drafts-hidden = This preview hides drafts and scheduled texts (--no-drafts): they show as missing.
status-totals = In numbers
status-texts = { $texts ->
    [one] 1 text
   *[other] { $texts } texts
  }: { $essays ->
    [one] 1 essay
   *[other] { $essays } essays
  } and { $bulletins ->
    [one] 1 bulletin
   *[other] { $bulletins } bulletins
  }.
status-language = { $written } written ({ $published } published, { $scheduled } scheduled, { $drafts ->
    [one] 1 draft
   *[other] { $drafts } drafts
  }), { $words ->
    [one] 1 word
   *[other] { $words } words
  }.
status-missing-count = { $missing ->
    [0] No translation missing.
    [one] 1 translation missing.
   *[other] { $missing } translations missing.
  }
status-next = Next empty slot: { $arc ->
    [0] week { $week }
   *[other] arc { $arc }, week { $week }
  }, { $kind }, { $date }.
status-earlier-arcs = Earlier arcs
status-arc-texts = { $texts ->
    [0] no text
    [one] 1 text
   *[other] { $texts } texts
  }
status-caption = Each week of the arc, with where each text stands in each language
status-published = published
status-scheduled = scheduled
status-draft = draft
status-missing = missing
status-outdated = outdated
status-untracked = untracked
status-stale-count = { $outdated ->
    [0] No translation outdated
    [one] 1 translation outdated
   *[other] { $outdated } translations outdated
  }{ $untracked ->
    [0] .
    [one] , 1 version untracked (no record of which is the original).
   *[other] , { $untracked } versions untracked (no record of which is the original).
  }
new-record-hint = What this translation was made from: `site translated` updates it once the translation matches its original again.
status-empty = empty

## The site's own words: neutral defaults, replaced by site.toml's description, motto and footer.
site-description = An essay { -essay-every } and a bulletin { -bulletin-every }, on the web and by email.
site-motto = { "" }
site-footer = Published { -essay-every } and { -bulletin-every }.
-readers = readers

## The days of the week: the kinds' names and the sentences that say when (site.toml's [arc]).
weekday-monday = Monday
    .every = every Monday
    .on = on Monday
weekday-tuesday = Tuesday
    .every = every Tuesday
    .on = on Tuesday
weekday-wednesday = Wednesday
    .every = every Wednesday
    .on = on Wednesday
weekday-thursday = Thursday
    .every = every Thursday
    .on = on Thursday
weekday-friday = Friday
    .every = every Friday
    .on = on Friday
weekday-saturday = Saturday
    .every = every Saturday
    .on = on Saturday
weekday-sunday = Sunday
    .every = every Sunday
    .on = on Sunday

not-found-title = Page not found
not-found-text = The address may have changed, or the text is not written yet.
not-found-home = Back to the start

date-long = { $month } { $day }, { $year }
date-time = { $date }, at { $time }
date-short = { $month_short } { $day }
date-range-same-month = { $month } { $start_day }–{ $end_day }, { $year }
date-range = { $start } – { $end }, { $year }

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec

## The arc's book (EPUB): its link on the arc's page, and its own pages (templates/book/)
arc-book = The arc as a book
arc-book-link = Download the book (EPUB{ $size ->
    [none] {""}
   *[other] , { $size }
  })
arc-book-note = The arc's texts written in English, in one book for your e-reader.
book-contents = Contents
book-cover = Cover
book-colophon = Colophon
book-colophon-text = { $site } — { $arc }: { $texts ->
    [one] 1 text
   *[other] { $texts } texts
  } by { $author }, written between { $dates }.
book-edition = This edition gathers the texts as they stood on { $date }.
book-elsewhere = Written only in { $language }: read it on the site.
book-sources = Sources
book-on-the-web = This text on the site

# The subject of an email that sends a text in another language (`other_language = "original"`).
email-subject-elsewhere = { $title } (in { $language })
