# Dict and string processing: word counting, joins, splits, formatting, sorting by key.


def make_text(n):
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
             "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon"]
    out = []
    seed = 12345
    for _ in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        out.append(words[seed % len(words)] + str(seed % 7))
    return " ".join(out)


def count_words(text):
    counts = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return counts


def main():
    text = make_text(200000)
    checksum = 0
    for _ in range(3):
        counts = count_words(text)
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
        report = "\n".join(f"{w:>12}: {c:6d}" for w, c in top)
        checksum += len(report) + sum(counts.values())
        upper = {k.upper(): v for k, v in counts.items() if k.startswith(("a", "s", "t"))}
        checksum += sum(len(k) * v for k, v in upper.items())
        checksum += text.count("ta") + len(text.replace("alpha", "A").split("A"))
    print(top[0], top[-1])
    print("dict/string checksum", checksum)


main()
