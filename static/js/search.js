// Search in the page's language with Pagefind: the index is part of the site (no request leaves it).
// The form's data attributes hold the interface words, written by the template from the .ftl files.
// Without JavaScript this file never runs and the form leads to the arc.
const form = document.querySelector('.search-form');
const input = document.getElementById('search-input');
const status = document.querySelector('.search-status');
const list = document.querySelector('.search-results');

const words = (count, query) => {
  const key = count === 0 ? 'resultsNone' : count === 1 ? 'resultsOne' : 'resultsOther';
  return form.dataset[key].replace('{count}', String(count)).replace('{query}', query);
};

let pagefind = null;
async function engine() {
  if (!pagefind) {
    pagefind = await import(form.dataset.bundle + 'pagefind.js');
    await pagefind.options({ baseUrl: form.dataset.base });
    pagefind.init();
  }
  return pagefind;
}

function entry(result) {
  const item = document.createElement('li');
  item.className = 'text-entry';
  const link = document.createElement('a');
  link.className = 'text-entry-title';
  link.href = result.url;
  link.textContent = result.meta.title || result.url;
  const meta = document.createElement('span');
  meta.className = 'text-entry-meta';
  meta.textContent = [result.meta.kind, result.meta.when].filter(Boolean).join(' · ');
  const excerpt = document.createElement('p');
  excerpt.className = 'text-entry-excerpt';
  // Pagefind's excerpt is the page's text, escaped, with the matches in <mark>.
  excerpt.innerHTML = result.excerpt;
  item.append(link, meta, excerpt);
  return item;
}

let latest = 0;
async function run(query) {
  const ticket = ++latest;
  query = query.trim();
  const url = new URL(location.href);
  if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
  history.replaceState(null, '', url);
  if (!query) {
    list.replaceChildren();
    status.textContent = '';
    return;
  }
  status.textContent = form.dataset.searching;
  const search = await (await engine()).search(query);
  const results = await Promise.all(search.results.slice(0, 20).map(r => r.data()));
  if (ticket !== latest) return; // a newer query is on its way
  list.replaceChildren(...results.map(entry));
  status.textContent = words(search.results.length, query);
}

let timer = 0;
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(input.value), 200);
});
form.addEventListener('submit', event => {
  event.preventDefault();
  clearTimeout(timer);
  run(input.value);
});
const initial = new URL(location.href).searchParams.get('q');
if (initial) {
  input.value = initial;
  run(initial);
}
