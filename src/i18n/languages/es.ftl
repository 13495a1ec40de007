## La interfaz del sitio en español. Las mismas claves que en.ftl.
## Lo que es propio de cada sitio viene de su site.toml (src/i18n/site_terms.rs): el título en { -site }
## (con .gender, masculine/feminine/other, para las frases que piden artículo), los lectores en
## { -readers }, los días de los textos en { -essay-day }, { -essay-every }, { -essay-on } y los del
## boletín; y site-description, site-motto y site-footer cuando el site.toml los incluye.

language-name = Español
lang-pt-BR = portugués brasileño
lang-en = inglés
lang-es = español
lang-pt-PT = portugués europeo
lang-it = italiano
lang-fr = francés
lang-de = alemán
og-locale = es_ES

skip-link = Saltar al contenido
nav-label = Navegación principal
nav-arc = El arco
nav-subscribe = Suscribirse
nav-feed = RSS
nav-language = Idioma
footer-feeds = Feeds

kind-essay = Ensayo del { -essay-day }
kind-bulletin = Boletín del { -bulletin-day }
draft-label = Borrador
scheduled-label = Programado para el { $date }

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
    [0] Unas { $words } palabras, y sumando
    [one] Unas mil palabras, y sumando
   *[other] Unas { $thousands } mil palabras, y sumando
  }
hero-readers = Cerca de { $readers } { -readers } nos leen cada semana.
cta-subscribe = Suscríbete
cta-essay = Ensayo del { -essay-day }
home-newest = El texto más reciente
home-empty = El primer texto llega { -essay-on }.

arc-title = { $weeks ->
    [one] El arco de 1 semana
    [many] El arco de { $weeks } de semanas
   *[other] El arco de { $weeks } semanas
  }
arc-subtitle = Un cuerpo de obra
arc-lede = Una fila por semana: el ensayo del { -essay-day } a la izquierda, el boletín del { -bulletin-day } a la derecha. Las semanas que aún están por venir aparecen como «próximamente»; las ya pasadas en las que no se escribió nada, como «sin texto».
arc-week = Semana
arc-upcoming = próximamente
# Una semana pasada cuyo hueco no tiene ningún texto.
arc-missed = sin texto
arc-caption = Los textos del arco, semana a semana
# Arcos: el número que nombra a cada uno, la lista de todos los arcos y el siguiente durante una pausa.
arc-number = Arco { $arc }
arcs-title = Todos los arcos
arc-entry-counts = { $texts ->
    [0] ningún texto
    [one] 1 texto
    [many] { $texts } de textos
   *[other] { $texts } textos
  } · { $words } palabras
arc-next = El arco { $arc } empieza el { $date }.

# Una semana nombrada fuera de la página de su arco; $arc es 0 mientras el sitio tiene un solo arco.
week-name = { $arc ->
    [0] Semana { $week }
   *[other] Arco { $arc } · Semana { $week }
  }
post-meta = { week-name } · { $date }
post-updated = Actualizado el { $date }
reading-time = { $minutes ->
    [one] 1 minuto de lectura
    [many] { $minutes } de minutos de lectura
   *[other] { $minutes } minutos de lectura
  }
only-in = Disponible solo en { $language }.
translation-outdated = El original, en { $language }, se actualizó después de esta traducción.
translation-outdated-link = Leer el original
read-in = Leer en { $language }
sources-verified = Fuentes verificadas la semana del { $range }:
signoff = — { $author }
post-previous = Anterior
post-next = Siguiente
post-neighbours = Más del arco
post-tags = Etiquetas
post-cta = Recibe el próximo texto por correo electrónico, { -essay-every } y { -bulletin-day }.
helpful-question = ¿Te resultó útil esta página?
helpful-yes = Sí
helpful-no = No
helpful-subject-yes = Útil: { $title }
helpful-subject-no = Poco útil: { $title }

subscribe-title = Suscríbete a { -site }
subscribe-lede = Dos textos por semana, directamente en tu bandeja de entrada: el ensayo del { -essay-day } y el boletín del { -bulletin-day }. Sin publicidad; puedes darte de baja cuando quieras.
subscribe-email-label = Tu correo electrónico
subscribe-email-placeholder = tu@ejemplo.com
subscribe-button = Suscribirme
subscribe-honeypot = Deja este campo vacío
subscribe-feeds-title = ¿Prefieres un lector de feeds?
subscribe-feeds-lede = Todos los feeds incluyen los textos completos.
feed-all = Todos los textos
feed-essays = Solo los ensayos del { -essay-day }
feed-bulletins = Solo los boletines del { -bulletin-day }

feed-title-all = { -site } — todos los textos
feed-title-essay = { -site } — ensayos del { -essay-day }
feed-title-bulletin = { -site } — boletines del { -bulletin-day }

email-read-on-web = Leer en la web
email-why = Recibes este correo porque te suscribiste a { -site }: un ensayo { -essay-every }, un boletín { -bulletin-every }.
email-unsubscribe = Cancelar la suscripción
email-links = Enlaces del texto

nav-search = Buscar
card-kicker = { $kind } · { week-name }

tags-title = Etiquetas
tags-lede = Los temas que atraviesan las semanas y cuántos textos reúne cada uno.
tags-empty = Todavía ningún texto tiene etiquetas.
tag-count = { $count ->
    [0] 0 textos
    [one] 1 texto
    [many] { $count } de textos
   *[other] { $count } textos
  }
tag-title = Etiqueta: { $tag }
tag-lede = { $count ->
    [one] Un texto con la etiqueta «{ $tag }».
    [many] { $count } de textos con la etiqueta «{ $tag }», del más reciente al más antiguo.
   *[other] { $count } textos con la etiqueta «{ $tag }», del más reciente al más antiguo.
  }
# Una etiqueta con más textos de los que caben en una página, repartidos en páginas: primero los más recientes.
tag-pages = Páginas de { $tag }
tag-newer = ← Más recientes
tag-older = Más antiguos →
tag-page = Página { $page } de { $pages }

search-title = Buscar en los textos
search-lede = Busca una palabra en todos los ensayos y boletines escritos en español. Las tildes y las mayúsculas no importan.
search-label = ¿Qué buscas?
search-placeholder = una palabra o una frase
search-button = Buscar
search-searching = Buscando…
search-results = { $count ->
    [0] No hay resultados para «{ $query }».
    [one] 1 resultado para «{ $query }».
    [many] { $count } de resultados para «{ $query }».
   *[other] { $count } resultados para «{ $query }».
  }
search-noscript = La búsqueda necesita JavaScript. Todos los textos están en el arco:
## `site new`: el esqueleto de un texto nuevo (templates/new/*.md). Primero los comentarios del front matter, después el cuerpo.
new-title-essay = { $arc ->
    [0] Ensayo de la semana { $week }
   *[other] Ensayo de la semana { $week }, arco { $arc }
  }
new-title-bulletin = { week-name }
new-summary-hint = El resumen: una o dos frases, bajo el título, en las tarjetas y en los feeds.
new-draft-hint = Borra esta línea cuando el texto esté listo: se publicará en su fecha.
new-sources-hint = Las fuentes verificadas para el texto, todas las que haya: quita el # del principio de las líneas.
new-essay-opening = Empieza con una escena: ¿qué pasó para que pensaras en esto?
new-essay-heading = La idea en una línea
new-essay-close = Termina con lo que el lector se lleva.
new-bulletin-opening = Dos o tres frases: cómo fue la semana.
new-signal-title = La señal de la semana en una frase
new-signal-text = Una frase: lo que enseñó la semana.
new-bulletin-happened = Qué pasó
new-bulletin-read = Qué leí
new-bulletin-next = Qué viene la próxima semana
new-tags-hint = Las etiquetas del original: tradúcelas (la página de cada etiqueta reúne los textos de este idioma).
new-original-summary = El resumen del original: { $summary }
new-translates = Traducción de { $path } ({ $language }): «{ $title }». Traduce cada parte de abajo y después borra esta nota.

## La página de estado de la vista previa (`site serve`, /_status/): nunca forma parte de una compilación.
status-title = Estado del arco
status-link = ver el estado del arco
status-lede = En qué punto está cada texto, en cada idioma, hoy ({ $today }). Esta página solo existe en la vista previa.
status-drafts-hidden = Esta vista previa oculta los borradores y los textos programados (--no-drafts): aparecen como faltantes.
status-totals = En cifras
status-texts = { $texts ->
    [0] 0 textos
    [one] 1 texto
    [many] { $texts } de textos
   *[other] { $texts } textos
  }: { $essays ->
    [0] 0 ensayos
    [one] 1 ensayo
    [many] { $essays } de ensayos
   *[other] { $essays } ensayos
  } y { $bulletins ->
    [0] 0 boletines
    [one] 1 boletín
    [many] { $bulletins } de boletines
   *[other] { $bulletins } boletines
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
    [0] 0 programados
    [one] 1 programado
    [many] { $scheduled } de programados
   *[other] { $scheduled } programados
  }, { $drafts ->
    [0] 0 borradores
    [one] 1 borrador
    [many] { $drafts } de borradores
   *[other] { $drafts } borradores
  }), { $words ->
    [0] 0 palabras
    [one] 1 palabra
    [many] { $words } de palabras
   *[other] { $words } palabras
  }.
status-missing-count = { $missing ->
    [0] No falta ninguna traducción.
    [one] Falta 1 traducción.
    [many] Faltan { $missing } de traducciones.
   *[other] Faltan { $missing } traducciones.
  }
status-next = Próximo hueco libre: { $arc ->
    [0] semana { $week }
   *[other] arco { $arc }, semana { $week }
  }, { $kind }, { $date }.
status-earlier-arcs = Arcos anteriores
status-arc-texts = { $texts ->
    [0] ningún texto
    [one] 1 texto
    [many] { $texts } de textos
   *[other] { $texts } textos
  }
status-caption = Cada semana del arco, con el estado de cada texto en cada idioma
status-published = publicado
status-scheduled = programado
status-draft = borrador
status-missing = falta
status-outdated = desactualizado
status-untracked = sin registro
status-stale-count = { $outdated ->
    [0] Ninguna traducción desactualizada
    [one] 1 traducción desactualizada
    [many] { $outdated } de traducciones desactualizadas
   *[other] { $outdated } traducciones desactualizadas
  }{ $untracked ->
    [0] .
    [one] , 1 versión sin registro (no consta cuál es el original).
    [many] , { $untracked } de versiones sin registro (no consta cuál es el original).
   *[other] , { $untracked } versiones sin registro (no consta cuál es el original).
  }
new-record-hint = De qué versión se hizo esta traducción: `site translated` actualiza el registro cuando la traducción vuelve a corresponderse con su original.
status-empty = libre

## Las palabras propias del sitio: valores neutros por defecto, que se sustituyen por la descripción (description), el lema (motto) y el pie (footer) de site.toml.
site-description = Un ensayo { -essay-every } y un boletín { -bulletin-every }, en la web y por correo electrónico.
site-motto = { "" }
site-footer = Se publica { -essay-every } y { -bulletin-every }.
-readers = lectores

## Los días de la semana: los nombres de los tipos de texto y las frases que dicen cuándo (el [arc] de site.toml).
weekday-monday = lunes
    .every = cada lunes
    .on = el lunes
weekday-tuesday = martes
    .every = cada martes
    .on = el martes
weekday-wednesday = miércoles
    .every = cada miércoles
    .on = el miércoles
weekday-thursday = jueves
    .every = cada jueves
    .on = el jueves
weekday-friday = viernes
    .every = cada viernes
    .on = el viernes
weekday-saturday = sábado
    .every = cada sábado
    .on = el sábado
weekday-sunday = domingo
    .every = cada domingo
    .on = el domingo

not-found-title = Página no encontrada
not-found-text = Puede que la dirección haya cambiado o que el texto todavía no esté escrito.
not-found-home = Volver al inicio

date-long = { $day } de { $month } de { $year }
date-time = { $date }, a las { $time }
date-short = { $day } { $month_short }
date-range-same-month = { $start_day }–{ $end_day } de { $month } de { $year }
date-range = { $start } – { $end } de { $year }

month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
month-short-1 = ene
month-short-2 = feb
month-short-3 = mar
month-short-4 = abr
month-short-5 = may
month-short-6 = jun
month-short-7 = jul
month-short-8 = ago
month-short-9 = sept
month-short-10 = oct
month-short-11 = nov
month-short-12 = dic

## El libro del arco (EPUB): su enlace en la página del arco y sus propias páginas (templates/book/)
arc-book = El arco en un libro
arc-book-link = Descargar el libro (EPUB{ $size ->
    [none] {""}
   *[other] , { $size }
  })
arc-book-note = Los textos del arco escritos en español, reunidos en un solo libro para tu lector de libros electrónicos.
book-contents = Índice
book-cover = Cubierta
book-colophon = Colofón
book-colophon-text = { $site } — { $arc }: { $texts ->
    [one] 1 texto de { $author }, escrito en el periodo { $dates }.
    [many] { $texts } de textos de { $author }, escritos en el periodo { $dates }.
   *[other] { $texts } textos de { $author }, escritos en el periodo { $dates }.
  }
book-edition = Esta edición reúne los textos tal como estaban el { $date }.
book-elsewhere = Escrito solo en { $language }: léelo en el sitio.
book-sources = Fuentes
book-on-the-web = Este texto en el sitio

# The subject of an email that sends a text in another language (`other_language = "original"`).
email-subject-elsewhere = { $title } (en { $language })
