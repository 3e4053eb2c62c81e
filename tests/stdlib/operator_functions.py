# _operator: every operator function delegates to the language's own operations.
import _operator as op


def show(label, fn):
    try:
        r = fn()
        print(label, "->", r if isinstance(r, str) else repr(r))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


class S:
    def __getitem__(self, i):
        return i

    def __add__(self, o):
        return "S+"


print(op.add(1, 2), op.sub(5, 3), op.mul("ab", 3), op.truediv(7, 2), op.floordiv(7, 2), op.mod(7, 3), op.mod("%s!", 5), op.pow(2, 10))
print(op.lshift(1, 70), op.rshift(-8, 1), op.and_(12, 10), op.or_(12, 10), op.xor(12, 10), op.neg(5), op.pos(-5), op.inv(5), op.invert(-1), op.abs(-2.5))
print(op.not_([]), op.truth("x"), op.is_(None, None), op.is_not(1, None), op.index(True), op.eq(1, 1.0), op.ne(1, 2), op.lt(1, 2), op.le(2, 2), op.gt("b", "a"), op.ge(1, 2))
print(op.contains([1, 2], 2), op.contains("abc", "bc"), op.countOf([1, 2, 1, 1.0, True], 1), op.indexOf("abc", "c"), op.concat([1], [2]), op.concat("a", "b"))
x = [1]
print(op.iadd(x, [2]) is x, x, op.iconcat(x, (3,)), op.isub(5, 2), op.imul([0], 2), op.itruediv(1, 4), op.ifloordiv(9, 4), op.imod(9, 4), op.ipow(3, 3))
print(op.ilshift(1, 3), op.irshift(16, 2), op.iand(6, 3), op.ior(6, 3), op.ixor(6, 3))
d = {}
op.setitem(d, "k", 1)
print(d, op.getitem(d, "k"), op.delitem(d, "k"), d, op.getitem("abcdef", slice(1, 4)), op.getitem([1, 2, 3], -1))
print(op.length_hint([1, 2]), op.length_hint(iter(range(5))), op.length_hint(5), op.length_hint(5, 7), op.length_hint({1: 2}), op.length_hint(iter(range(3)), 9))
print(op.call(len, [1, 2]), op.call(int, "ff", base=16), op.call(dict, a=1))
print(op._compare_digest("abc", "abc"), op._compare_digest(b"a", b"b"), op._compare_digest("a", "ab"))
show("add(1)", lambda: op.add(1))
show("add(a=1, b=2)", lambda: op.add(a=1, b=2))
show("neg()", lambda: op.neg())
show("truth(1, 2)", lambda: op.truth(1, 2))
show("index(1.5)", lambda: op.index(1.5))
show("concat(1, 2)", lambda: op.concat(1, 2))
show("concat([1], (2,))", lambda: op.concat([1], (2,)))
show("concat(S(), S())", lambda: op.concat(S(), S()))
show("concat(S(), 1)", lambda: op.concat(S(), 1))
show("iconcat(1, 2)", lambda: op.iconcat(1, 2))
show("contains(1, 2)", lambda: op.contains(1, 2))
show("countOf(1, 1)", lambda: op.countOf(1, 1))
show("indexOf([1], 2)", lambda: op.indexOf([1], 2))
show("length_hint(1, 'a')", lambda: op.length_hint(1, "a"))
show("length_hint()", lambda: op.length_hint())
show("call()", lambda: op.call())
show("matmul(1, 2)", lambda: op.matmul(1, 2))
show("imatmul(1, 2)", lambda: op.imatmul(1, 2))
show("truediv(1, 0)", lambda: op.truediv(1, 0))
show("gt('a', 1)", lambda: op.gt("a", 1))
show("getitem({}, 1)", lambda: op.getitem({}, 1))
show("setitem(1, 2, 3)", lambda: op.setitem(1, 2, 3))
show("setitem([], 1)", lambda: op.setitem([], 1))
show("abs('a')", lambda: op.abs("a"))
show("_compare_digest('a', b'a')", lambda: op._compare_digest("a", b"a"))
show("_compare_digest('é', 'é')", lambda: op._compare_digest("é", "é"))
print(op.add, sorted(n for n in dir(op) if not n.startswith("__")))
