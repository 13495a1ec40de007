#!/usr/bin/env python3
"""Generate a synthetic Durante corpus for the `site` vs Hugo benchmark.

Usage: bench/gen.py --weeks N --out DIR [--seed S] [--repo /work/main] [--layouts site,hugo]
       bench/gen.py --weeks N --out DIR --new-essay DIR2   (only week N + 1's Tuesday essay, into DIR2)

Writes, deterministically from --seed:
  DIR/site/   the `site` layout: site.toml (its arcs back to back), templates/, i18n/, static/
              copied from the repo, content/essays/SLUG.{pt-BR,en}.md, content/bulletins/SLUG.{pt-BR,en}.md
  DIR/hugo/   the same posts in Hugo's layout: hugo.toml, content/essays/SLUG.{pt,en}.md, ...,
              themes/bench/ (copied from bench/hugo-theme/)

Every week has four posts (essay pt-BR + en on Tuesday, bulletin pt-BR + en on Friday), each about
2,000 words of Markdown. Python 3.11+, standard library only.
"""

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

ARC_START = dt.date(2025, 8, 5)  # Tuesday of week 1
TARGET_WORDS = 2000
BENCH_DIR = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------------
# Word lists (plain everyday vocabulary; the text is deliberately nonsense).

PT_WORDS = """
a o os as um uma de do da dos das em no na nos nas por para com sem sobre entre contra desde ate
que quando onde como porque mas ou e nem se ja ainda sempre nunca talvez hoje ontem amanha cedo tarde
semana mes ano dia noite manha hora minuto tempo prazo agenda calendario rotina ritmo pausa volta
casa rua bairro cidade campo praia serra rio ponte estrada trilha porto mercado feira oficina escola
livro caderno papel lapis mapa carta bilhete nota rascunho margem pagina capitulo indice titulo
pessoa gente vizinho amigo colega mestre aprendiz leitora leitor autora autor editora equipe grupo
trabalho tarefa projeto plano ideia pergunta resposta duvida certeza hipotese teste prova erro acerto
maquina ferramenta martelo serrote prego parafuso fio cabo motor roda engrenagem chave painel
codigo programa arquivo pasta servidor rede sinal ruido medida escala peso volume custo preco valor
olhar ver ouvir ler escrever contar medir pesar cortar colar dobrar guardar trocar montar desmontar
fazer dizer saber poder querer ficar passar chegar sair voltar seguir deixar levar trazer pensar
lento rapido claro escuro simples complexo pequeno grande curto longo novo velho leve pesado firme
calmo atento cansado curioso teimoso honesto discreto generoso paciente preciso vago estranho comum
agua fogo terra vento chuva sol nuvem sombra luz cor som cheiro sabor textura forma linha ponto
começo meio fim origem destino caminho desvio atalho limite fronteira borda centro canto fundo
memoria esquecimento habito costume regra excecao acordo conflito escolha renuncia ganho perda
café pão feijão açúcar limão laranja maçã coração ação atenção razão lição questão estação mão
também então já só até após através você está é são têm há nós ninguém alguém além porém
""".split()

EN_WORDS = """
a the an of to in on at by for with without about between against since until from into onto
that when where how because but or and nor if already still always never maybe today yesterday
week month year day night morning hour minute time deadline schedule calendar routine rhythm pause
house street neighborhood city field beach ridge river bridge road trail harbor market fair workshop
book notebook paper pencil map letter ticket note draft margin page chapter index title heading
person people neighbor friend colleague teacher apprentice reader writer editor crew team group
work task project plan idea question answer doubt certainty guess trial proof error success mistake
machine tool hammer saw nail screw wire cable engine wheel gear key panel bench lathe vise chisel
code program file folder server network signal noise measure scale weight volume cost price value
look see hear read write count measure weigh cut glue fold keep swap build take apart assemble
make say know can want stay pass arrive leave return follow let carry bring think wonder notice
slow fast clear dark simple complex small large short long new old light heavy steady quiet sharp
calm attentive tired curious stubborn honest discreet generous patient precise vague strange common
water fire earth wind rain sun cloud shadow glow color sound smell taste texture shape line point
beginning middle end origin destination path detour shortcut limit border edge center corner bottom
memory habit custom rule exception agreement conflict choice trade gain loss ledger tally harvest
coffee bread beans sugar lemon orange apple heart action attention reason lesson issue season hand
also then just only even after through you is are have there we nobody somebody beyond however
""".split()

TAGS = {
    "pt": ["oficina", "ferramentas", "cidade", "leitura", "escrita", "rotina", "medida", "rede",
           "codigo", "memoria", "trabalho", "tempo", "campo", "mercado", "ofício"],
    "en": ["workshop", "tools", "city", "reading", "writing", "routine", "measure", "network",
           "code", "memory", "work", "time", "field", "market", "craft"],
}

SOURCE_HOSTS = ["example.org", "example.com", "example.net", "notes.example", "archive.example",
                "field.example", "press.example", "lab.example"]

MONTHS_SHORT = {
    "pt": ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def words_for(lang):
    return PT_WORDS if lang == "pt" else EN_WORDS


def ascii_slug(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def toml_str(s):
    # JSON string escapes are a subset of TOML basic-string escapes.
    return json.dumps(s, ensure_ascii=False)


class Writer:
    """Produces text in one language from its own RNG."""

    def __init__(self, lang, rng):
        self.lang = lang
        self.rng = rng
        self.words = words_for(lang)

    def word(self):
        return self.rng.choice(self.words)

    def phrase(self, lo, hi):
        return " ".join(self.word() for _ in range(self.rng.randint(lo, hi)))

    def title(self, lo=3, hi=7):
        p = self.phrase(lo, hi)
        return p[:1].upper() + p[1:]

    def decorate(self, w):
        r = self.rng.random()
        if r < 0.035:
            return f"*{w}*"
        if r < 0.055:
            return f"**{w}**"
        if r < 0.065:
            return f"`{w}`"
        if r < 0.07:
            return f"~~{w}~~"
        if r < 0.085:
            host = self.rng.choice(SOURCE_HOSTS)
            return f"[{w} {self.word()}](https://{host}/{ascii_slug(w) or 'x'}/{self.rng.randint(1, 9999)})"
        if r < 0.09:
            return f"\"{w}\""
        if r < 0.093:
            return f"{w}'s" if self.lang == "en" else f"d'{w}"
        return w

    def sentence(self, lo=8, hi=20):
        n = self.rng.randint(lo, hi)
        ws = [self.decorate(self.word()) for _ in range(n)]
        first = ws[0]
        ws[0] = first[:1].upper() + first[1:]
        if n > 9 and self.rng.random() < 0.35:
            ws[n // 2] += ","
        end = self.rng.choice([".", ".", ".", ".", "?", "!", "..."])
        return " ".join(ws) + end, n

    def paragraph(self, target):
        out, count = [], 0
        while count < target:
            s, n = self.sentence()
            out.append(s)
            count += n
        return " ".join(out), count


def count_words(text):
    return len(text.split())


# ---------------------------------------------------------------------------------------------
# Code blocks (15 lines each)

def rust_block(rng):
    f = rng.choice(["tally", "measure", "fold_notes", "weigh", "count_days", "merge_ranges"])
    t = rng.choice(["u32", "u64", "i64", "usize"])
    k = rng.randint(2, 97)
    lines = [
        "```rust",
        "use std::collections::BTreeMap;",
        "",
        f"/// Groups readings by bucket of {k}.",
        f"pub fn {f}(values: &[{t}]) -> BTreeMap<{t}, Vec<{t}>> {{",
        "    let mut out = BTreeMap::new();",
        "    for &v in values {",
        f"        let bucket = v / {k};",
        "        out.entry(bucket).or_insert_with(Vec::new).push(v);",
        "    }",
        "    for list in out.values_mut() {",
        "        list.sort_unstable();",
        "    }",
        "    debug_assert!(out.len() <= values.len());",
        f"    out // \"{k}\" per bucket",
        "}",
        "```",
    ]
    return lines


def python_block(rng):
    f = rng.choice(["tally", "measure", "fold_notes", "weigh", "count_days", "merge_ranges"])
    k = rng.randint(2, 97)
    lines = [
        "```python",
        "from collections import defaultdict",
        "",
        "",
        f"def {f}(values, size={k}):",
        f'    """Group readings by bucket of {k}."""',
        "    out = defaultdict(list)",
        "    for v in values:",
        "        out[v // size].append(v)",
        "    for key in sorted(out):",
        "        out[key].sort()",
        "    assert len(out) <= len(values)",
        "    return dict(out)",
        "",
        "",
        f"print({f}(range({k * 3}), size={k}))  # {k} per bucket",
        "```",
    ]
    return lines


def code_block(rng, lang):
    lines = rust_block(rng) if lang == "rust" else python_block(rng)
    body = lines[1:-1]
    assert len(body) == 15, len(body)  # exactly 15 lines between the fences
    return "\n".join([lines[0]] + body + [lines[-1]])


# ---------------------------------------------------------------------------------------------
# One post: a structure plan shared by both translations, then text per language.

def plan_post(rng, index, kind):
    nsec = rng.randint(4, 6)
    levels = []
    for i in range(nsec):
        if i == 0 or levels[-1] == 3:
            levels.append(2)
        else:
            levels.append(rng.choice([2, 2, 3]))
    specials = ["bullets", "numbered", "quote", "code"]
    if index % 3 == 0:
        specials.append("table")
    if kind == "bulletins":
        specials.append("signal")
    placement = {}
    for s in specials:
        placement.setdefault(rng.randrange(nsec), []).append(s)
    return {
        "levels": levels,
        "placement": placement,
        "code_lang": "rust" if index % 2 == 0 else "python",
        "code_seed": rng.randrange(1 << 30),
        "bullets": rng.randint(3, 6),
        "numbered": rng.randint(3, 5),
        "table_rows": rng.randint(3, 6),
        "footnote": rng.random() < 0.5,
        "nsources": rng.randint(3, 6),
        "ntags": rng.randint(1, 3),
    }


def special_block(w, plan, name):
    rng = w.rng
    if name == "bullets":
        return "\n".join(f"- {w.sentence(4, 12)[0]}" for _ in range(plan["bullets"]))
    if name == "numbered":
        return "\n".join(f"{i}. {w.sentence(4, 12)[0]}" for i in range(1, plan["numbered"] + 1))
    if name == "quote":
        return "\n>\n".join("> " + w.paragraph(rng.randint(25, 45))[0] for _ in range(2))
    if name == "code":
        return code_block(random.Random(plan["code_seed"]), plan["code_lang"])
    if name == "table":
        head = [w.title(1, 2) for _ in range(4)]
        rows = ["| " + " | ".join(head) + " |", "|:---|:---|---:|:---:|"]
        for _ in range(plan["table_rows"]):
            rows.append(f"| {w.phrase(1, 3)} | {w.decorate(w.word())} | {rng.randint(1, 9999)} | {w.word()} |")
        return "\n".join(rows)
    if name == "signal":
        return f"::: signal {w.title(4, 9)}\n{w.paragraph(rng.randint(35, 60))[0]}\n:::"
    raise ValueError(name)


def render_body(w, plan):
    rng = w.rng
    blocks = []
    words = 0

    def add(text):
        nonlocal words
        blocks.append(text)
        words += count_words(text)

    add(w.paragraph(rng.randint(50, 90))[0])
    nsec = len(plan["levels"])
    # Build sections first with specials and one paragraph each, then fill up to TARGET_WORDS.
    sections = []
    for i, level in enumerate(plan["levels"]):
        sec = [("#" * level) + " " + w.title(2, 6)]
        sec.append(w.paragraph(rng.randint(60, 120))[0])
        for name in plan["placement"].get(i, []):
            sec.append(special_block(w, plan, name))
        sections.append(sec)
    words += sum(count_words(b) for sec in sections for b in sec)
    footnote = None
    if plan["footnote"]:
        footnote = f"[^1]: {w.sentence(8, 16)[0]}"
        words += count_words(footnote)
    # Fill: add paragraphs round-robin until the target is reached (deterministic).
    i = 0
    while words < TARGET_WORDS:
        p, n = w.paragraph(rng.randint(70, 140))
        sec = sections[i % nsec]
        sec.insert(rng.randint(2, len(sec)), p)
        words += count_words(p)
        i += 1
    if footnote:
        # reference in the last paragraph of the first section
        sections[0][1] = sections[0][1] + "[^1]"
    for sec in sections:
        blocks.extend(sec)
    if footnote:
        blocks.append(footnote)
    return "\n\n".join(blocks) + "\n", words


def front_matter(w, plan, date, kind, lang_key):
    rng = w.rng
    title = w.title(3, 7)
    summary = w.title(12, 24) + "."
    summary2 = w.title(8, 14) + "." if rng.random() < 0.5 else ""
    tags = rng.sample(TAGS[lang_key], plan["ntags"])
    # Sources: dates inside the week that ends on the post's date (never after it).
    essay_date = date if kind == "essays" else date - dt.timedelta(days=3)
    if kind == "essays":
        lo, hi = essay_date - dt.timedelta(days=6), essay_date
    else:
        lo, hi = essay_date, date
    lines = [
        "+++",
        f"title = {toml_str(title)}",
        f"date = {date.isoformat()}",
        f"summary = {toml_str((summary + ' ' + summary2).strip())}",
        "tags = [" + ", ".join(toml_str(t) for t in tags) + "]",
    ]
    for _ in range(plan["nsources"]):
        sd = lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))
        host = rng.choice(SOURCE_HOSTS)
        lines += [
            "",
            "[[sources]]",
            f"title = {toml_str(w.title(2, 6))}",
            f"url = {toml_str(f'https://{host}/{sd.year}/{ascii_slug(w.phrase(2, 3))}')}",
            f"date = {sd.isoformat()}",
        ]
    lines.append("+++")
    return title, "\n".join(lines) + "\n"


def generate_posts(seed, weeks, first=1):
    """Yields (kind, slug, date, {lang: text}) for every post of weeks first..weeks, in order."""
    post_index = 2 * (first - 1)
    for week in range(first, weeks + 1):
        essay = ARC_START + dt.timedelta(days=7 * (week - 1))
        for kind, date in (("essays", essay), ("bulletins", essay + dt.timedelta(days=3))):
            srng = random.Random(f"{seed}:plan:{week}:{kind}")
            plan = plan_post(srng, post_index, kind)
            texts = {}
            slug = None
            for lang in ("pt", "en"):
                w = Writer(lang, random.Random(f"{seed}:text:{week}:{kind}:{lang}"))
                title, fm = front_matter(w, plan, date, kind, lang)
                if lang == "pt":
                    base = ascii_slug(" ".join(title.split()[:4]))[:40].strip("-") or "texto"
                    slug = f"s{week:04d}-{base}"
                body, _ = render_body(w, plan)
                texts[lang] = fm + "\n" + body
            yield kind, slug, date, texts
            post_index += 1


# ---------------------------------------------------------------------------------------------
# Layout writers

HUGO_TOML = """\
# Generated by bench/gen.py. Hugo side of the site-vs-Hugo benchmark.
baseURL = "https://durante.example/"
title = "Durante"
theme = "bench"
defaultContentLanguage = "pt"
defaultContentLanguageInSubdir = false
buildFuture = true
# The `site` engine renders no tag pages, so neither does Hugo (tags stay front matter params).
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = true
timeZone = "UTC"

[params]
arcStart = "2025-08-05"
weeks = {weeks}

[languages.pt]
weight = 1
locale = "pt-BR"
label = "Português"
title = "Durante"

[languages.en]
weight = 2
locale = "en"
label = "English"
title = "Durante"

[markup.highlight]
noClasses = false

[markup.goldmark.renderer]
unsafe = false

[services.rss]
# The same number of items as `site`'s feeds (site.toml's feed_limit; 0 there is -1 here).
limit = {feed_limit}

[outputs]
home = ["html", "rss"]
section = ["html", "rss"]
page = ["html"]
"""

SECTION_TITLES = {
    ("essays", "pt"): "Ensaios de terça",
    ("essays", "en"): "Tuesday essays",
    ("bulletins", "pt"): "Boletins de sexta",
    ("bulletins", "en"): "Friday bulletins",
}


def copy_tree(src, dst):
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)


def prepare_site(repo, out, weeks):
    missing = [p for p in ("site.toml", "templates", "i18n") if not (repo / p).exists()]
    if missing:
        sys.exit(f"gen.py: {repo} lacks {', '.join(missing)}; cannot write the site layout")
    text = (repo / "site.toml").read_text(encoding="utf-8")
    # The corpus writes a text every week: arcs of the site's own length follow back to back, so
    # declared arcs (whose breaks would hold generated texts) are left out.
    lines, section = text.splitlines(keepends=True), None
    kept = []
    for line in lines:
        m = re.match(r"^\s*\[\[?([^\]]+)\]\]?\s*(#.*)?$", line)
        if m:
            section = m.group(0).strip()
        if section is None or not section.startswith("[[arcs]]"):
            kept.append(line)
    lines = kept
    out.mkdir(parents=True, exist_ok=True)
    (out / "site.toml").write_text("".join(lines), encoding="utf-8")
    for d in ("templates", "i18n", "static"):
        if (repo / d).exists():
            copy_tree(repo / d, out / d)
    for kind in ("essays", "bulletins"):
        (out / "content" / kind).mkdir(parents=True, exist_ok=True)


def feed_limit(repo):
    """site.toml's feed_limit (default 20) as Hugo writes it: -1 for no limit."""
    m = re.search(r"^\s*feed_limit\s*=\s*(\d+)", (repo / "site.toml").read_text(encoding="utf-8"), re.M)
    limit = int(m.group(1)) if m else 20
    return -1 if limit == 0 else limit


def prepare_hugo(repo, out, weeks):
    out.mkdir(parents=True, exist_ok=True)
    config = HUGO_TOML.replace("{weeks}", str(weeks)).replace("{feed_limit}", str(feed_limit(repo)))
    (out / "hugo.toml").write_text(config, encoding="utf-8")
    copy_tree(BENCH_DIR / "hugo-theme", out / "themes" / "bench")
    for kind in ("essays", "bulletins"):
        d = out / "content" / kind
        d.mkdir(parents=True, exist_ok=True)
        for lang in ("pt", "en"):
            (d / f"_index.{lang}.md").write_text(
                f"+++\ntitle = {toml_str(SECTION_TITLES[(kind, lang)])}\n+++\n", encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--weeks", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--repo", type=Path, default=BENCH_DIR.parent)
    ap.add_argument("--layouts", default="site,hugo", help="comma list of: site, hugo")
    ap.add_argument("--new-essay", type=Path, metavar="DIR",
                    help="write only the Tuesday essay of week WEEKS + 1 (pt-BR and en, site layout) into DIR")
    args = ap.parse_args()
    if args.new_essay:
        args.new_essay.mkdir(parents=True, exist_ok=True)
        for kind, slug, date, texts in generate_posts(args.seed, args.weeks + 1, first=args.weeks + 1):
            if kind == "essays":
                for lang, text in texts.items():
                    site_lang = "pt-BR" if lang == "pt" else "en"
                    (args.new_essay / f"{slug}.{site_lang}.md").write_text(text, encoding="utf-8")
        return
    layouts = set(args.layouts.split(","))
    if not layouts <= {"site", "hugo"} or args.weeks < 1:
        ap.error("bad --layouts or --weeks")
    out = args.out
    if out.exists():
        shutil.rmtree(out)
    if "site" in layouts:
        prepare_site(args.repo, out / "site", args.weeks)
    if "hugo" in layouts:
        prepare_hugo(args.repo, out / "hugo", args.weeks)
    n = 0
    for kind, slug, date, texts in generate_posts(args.seed, args.weeks):
        for lang, text in texts.items():
            if "site" in layouts:
                site_lang = "pt-BR" if lang == "pt" else "en"
                (out / "site" / "content" / kind / f"{slug}.{site_lang}.md").write_text(text, encoding="utf-8")
            if "hugo" in layouts:
                (out / "hugo" / "content" / kind / f"{slug}.{lang}.md").write_text(text, encoding="utf-8")
            n += 1
    print(f"gen.py: {args.weeks} weeks, {n} post files per layout ({', '.join(sorted(layouts))}) in {out}")


if __name__ == "__main__":
    main()
