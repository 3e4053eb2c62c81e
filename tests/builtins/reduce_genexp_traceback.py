# An error inside a generator expression given to sum()/any()/max() has the <genexpr> frame in its
# traceback, below the caller's; an error evaluating the first iterable does not.
def ratios(xs):
    return sum(10 / x
               for x in xs)

def frames(f, *args):
    try:
        f(*args)
    except Exception as e:
        tb = e.__traceback__
        out = []
        while tb is not None:
            out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
            tb = tb.tb_next
        print(type(e).__name__, out)

print(ratios([1, 2, 5]))
frames(ratios, [1, 0])
frames(ratios, None)
frames(lambda xs: any(x.missing for x in xs), [1])
frames(lambda xs: max(x for x in xs if x > "a"), [1])
print(ratios([1, 0]))
