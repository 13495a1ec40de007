//! What a social card costs: 200 different titles drawn cold (empty cache) and read back warm
//! (every card a cache hit), on one thread and on rayon's pool.
//! `cargo run --release --example card_bench [-- --cards N --runs R]`; see bench/README.md.

use std::path::Path;
use std::time::{Duration, Instant};

use fieldnotes::cards::{Card, CardCache, CardRenderer};

const SUBJECTS: [&str; 10] = [
    "o índice de busca",
    "a migração do banco",
    "um backup que restaura",
    "as notas de campo",
    "o primeiro build do site",
    "a revisão de código",
    "uma dependência a menos",
    "o ajudante que cita as fontes",
    "a previsão do tempo das estimativas",
    "os logs, cartas ao eu do futuro",
];
const VERBS: [&str; 5] = [
    "aprendeu a ler acentos",
    "ficou mais rápido",
    "ganhou testes de verdade",
    "quebrou e foi consertado",
    "virou uma lição sobre paciência e manutenção",
];

fn main() {
    let mut cards_wanted = 200;
    let mut runs = 3;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().and_then(|v| v.parse().ok());
        match (arg.as_str(), value) {
            ("--cards", Some(n)) => cards_wanted = n,
            ("--runs", Some(n)) => runs = n,
            _ => {
                eprintln!("usage: card_bench [--cards N] [--runs R]");
                std::process::exit(2);
            }
        }
    }

    // Titles of every length, Portuguese and English, all different.
    let titles: Vec<(String, String, &str)> = (0..cards_wanted)
        .map(|i| {
            let week = i / 2 + 1;
            let subject = SUBJECTS[i % SUBJECTS.len()];
            let verb = VERBS[(i / SUBJECTS.len()) % VERBS.len()];
            if i % 3 == 2 {
                (
                    format!("Tuesday essay · Week {week}"),
                    format!("Week {week}: what {subject} taught me ({i})"),
                    "en",
                )
            } else {
                (
                    format!("Ensaio de terça · Semana {week}"),
                    format!("Semana {week}: {subject} {verb} (nº {i})"),
                    "pt-BR",
                )
            }
        })
        .collect();
    let cards: Vec<Card> = titles
        .iter()
        .map(|(kicker, title, lang)| Card {
            lang,
            kicker,
            title,
            site_name: "Durante",
            footer: "durante.example",
        })
        .collect();

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let started = Instant::now();
    let renderer = CardRenderer::new(root).unwrap_or_else(|problems| {
        for p in problems {
            eprintln!("{}", p.render(false));
        }
        std::process::exit(1);
    });
    let setup = started.elapsed();
    let threads = rayon::current_num_threads();
    println!(
        "{} cards, {runs} runs each (median), rayon threads: {threads}, renderer set-up: {:.1} ms",
        cards.len(),
        ms(setup)
    );

    let mut bytes = 0;
    let one = |cache: &CardCache| {
        for card in &cards {
            renderer.render(card, Some(cache)).expect("a card");
        }
    };
    let pool = |cache: &CardCache| {
        for result in renderer.render_all(&cards, Some(cache)) {
            result.expect("a card");
        }
    };
    let layout = median(runs, || {
        let t = Instant::now();
        for card in &cards {
            std::hint::black_box(renderer.cache_key(card));
        }
        t.elapsed()
    });
    let mut rows = Vec::new();
    for (name, run) in [
        ("1 thread", &one as &dyn Fn(&CardCache)),
        ("parallel", &pool),
    ] {
        let mut cold = Vec::new();
        let mut warm = Vec::new();
        for _ in 0..runs {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let cache = CardCache::at(dir.path().join("cards"));
            let t = Instant::now();
            run(&cache);
            cold.push(t.elapsed());
            let t = Instant::now();
            run(&cache);
            warm.push(t.elapsed());
            bytes = dir_size(cache.dir());
        }
        rows.push((name, mid(cold), mid(warm)));
    }
    let n = cards.len() as f64;
    println!("| | cold (drawn, stored) | warm (cache hit) |");
    println!("|---|---:|---:|");
    for (name, cold, warm) in &rows {
        println!(
            "| {name} | {:.2} ms/card ({:.2} s total) | {:.3} ms/card ({:.0} ms total) |",
            ms(*cold) / n,
            cold.as_secs_f64(),
            ms(*warm) / n,
            ms(*warm)
        );
    }
    println!(
        "title layout and cache key alone: {:.3} ms/card; cards on disk: {:.0} KB each on average",
        ms(layout) / n,
        bytes as f64 / n / 1024.0
    );
    println!("cards drawn in all: {}", renderer.draws());
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average at the end: {}", load.trim());
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    mid((0..runs).map(|_| f()).collect())
}

fn mid(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
