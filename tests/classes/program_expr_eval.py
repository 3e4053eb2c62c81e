# A class-heavy program: an expression language with a tokenizer, AST node classes built by a metaclass,
# a visitor, operator overloading, properties, class-level registries and custom exceptions.
class EvalError(Exception):
    def __init__(self, msg, pos=None):
        super().__init__(msg)
        self.pos = pos

    def __str__(self):
        base = super().__str__()
        return base if self.pos is None else f"{base} (at {self.pos})"


class NodeMeta(type):
    registry = {}

    def __new__(mcls, name, bases, ns):
        fields = ns.get("fields", ())
        ns.setdefault("__slots__", tuple(fields))
        cls = super().__new__(mcls, name, bases, ns)
        if fields:
            NodeMeta.registry[name.lower()] = cls
        return cls

    def __call__(cls, *args):
        if len(args) != len(cls.fields):
            raise TypeError(f"{cls.__name__} takes {len(cls.fields)} fields, got {len(args)}")
        obj = cls.__new__(cls)
        for f, a in zip(cls.fields, args):
            setattr(obj, f, a)
        return obj


class Node(metaclass=NodeMeta):
    fields = ()

    def __repr__(self):
        inner = ", ".join(repr(getattr(self, f)) for f in self.fields)
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other):
        return type(self) is type(other) and all(getattr(self, f) == getattr(other, f) for f in self.fields)

    def __hash__(self):
        return hash((type(self).__name__,) + tuple(getattr(self, f) for f in self.fields))

    def children(self):
        for f in self.fields:
            v = getattr(self, f)
            if isinstance(v, Node):
                yield v


class Num(Node):
    fields = ("value",)


class Var(Node):
    fields = ("name",)


class BinOp(Node):
    fields = ("op", "left", "right")


class Neg(Node):
    fields = ("operand",)


class Let(Node):
    fields = ("name", "value", "body")


class Visitor:
    def visit(self, node, *args):
        meth = getattr(self, "visit_" + type(node).__name__, None)
        if meth is None:
            return self.generic_visit(node, *args)
        return meth(node, *args)

    def generic_visit(self, node, *args):
        raise EvalError(f"no visitor for {type(node).__name__}")


class Evaluator(Visitor):
    OPS = {
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a / b,
    }

    def visit_Num(self, node, env):
        return node.value

    def visit_Var(self, node, env):
        try:
            return env[node.name]
        except KeyError:
            raise EvalError(f"unbound variable {node.name!r}") from None

    def visit_BinOp(self, node, env):
        a = self.visit(node.left, env)
        b = self.visit(node.right, env)
        try:
            return self.OPS[node.op](a, b)
        except ZeroDivisionError as e:
            raise EvalError("division by zero") from e

    def visit_Neg(self, node, env):
        return -self.visit(node.operand, env)

    def visit_Let(self, node, env):
        inner = Env(env)
        inner[node.name] = self.visit(node.value, env)
        return self.visit(node.body, inner)


class Printer(Visitor):
    def visit_Num(self, node):
        return str(node.value)

    def visit_Var(self, node):
        return node.name

    def visit_BinOp(self, node):
        return f"({self.visit(node.left)} {node.op} {self.visit(node.right)})"

    def visit_Neg(self, node):
        return f"-{self.visit(node.operand)}"

    def visit_Let(self, node):
        return f"let {node.name} = {self.visit(node.value)} in {self.visit(node.body)}"


class Env(dict):
    def __init__(self, parent=None):
        super().__init__()
        self.parent = parent

    def __missing__(self, key):
        if self.parent is None:
            raise KeyError(key)
        return self.parent[key]

    @property
    def depth(self):
        return 0 if self.parent is None else 1 + self.parent.depth


class Token:
    __slots__ = ("kind", "text", "pos")

    def __init__(self, kind, text, pos):
        self.kind, self.text, self.pos = kind, text, pos

    def __repr__(self):
        return f"Token({self.kind}, {self.text!r})"


class Lexer:
    def __init__(self, src):
        self.src = src

    def __iter__(self):
        i = 0
        src = self.src
        while i < len(src):
            c = src[i]
            if c.isspace():
                i += 1
            elif c.isdigit():
                j = i
                while j < len(src) and src[j].isdigit():
                    j += 1
                yield Token("num", src[i:j], i)
                i = j
            elif c.isalpha():
                j = i
                while j < len(src) and src[j].isalnum():
                    j += 1
                word = src[i:j]
                yield Token("kw" if word in ("let", "in") else "name", word, i)
                i = j
            elif c in "+-*/()=":
                yield Token("op", c, i)
                i += 1
            else:
                raise EvalError(f"bad character {c!r}", i)
        yield Token("eof", "", len(src))


class Parser:
    def __init__(self, src):
        self.tokens = list(Lexer(src))
        self.i = 0

    @property
    def tok(self):
        return self.tokens[self.i]

    def eat(self, kind, text=None):
        t = self.tok
        if t.kind != kind or (text is not None and t.text != text):
            raise EvalError(f"expected {text or kind}, got {t.text or 'end'}", t.pos)
        self.i += 1
        return t

    def parse(self):
        e = self.expr()
        self.eat("eof")
        return e

    def expr(self):
        if self.tok.kind == "kw" and self.tok.text == "let":
            self.eat("kw", "let")
            name = self.eat("name").text
            self.eat("op", "=")
            value = self.expr()
            self.eat("kw", "in")
            return Let(name, value, self.expr())
        left = self.term()
        while self.tok.kind == "op" and self.tok.text in "+-":
            op = self.eat("op").text
            left = BinOp(op, left, self.term())
        return left

    def term(self):
        left = self.unary()
        while self.tok.kind == "op" and self.tok.text in "*/":
            op = self.eat("op").text
            left = BinOp(op, left, self.unary())
        return left

    def unary(self):
        if self.tok.kind == "op" and self.tok.text == "-":
            self.eat("op")
            return Neg(self.unary())
        if self.tok.kind == "num":
            return Num(int(self.eat("num").text))
        if self.tok.kind == "name":
            return Var(self.eat("name").text)
        self.eat("op", "(")
        e = self.expr()
        self.eat("op", ")")
        return e


programs = [
    "1 + 2 * 3",
    "(1 + 2) * 3",
    "let x = 5 in x * x - 1",
    "let x = 2 in let y = x * 10 in y / x",
    "-(4 - 10) * -2",
    "10 / (5 - 5)",
    "let a = 1 in b",
    "3 + * 4",
    "7 $ 2",
]
ev = Evaluator()
pr = Printer()
for src in programs:
    try:
        tree = Parser(src).parse()
        print(pr.visit(tree), "=>", ev.visit(tree, Env()))
    except EvalError as e:
        cause = type(e.__cause__).__name__ if e.__cause__ else None
        print(f"error in {src!r}: {e} [cause={cause}]")

t1 = Parser("1 + x").parse()
t2 = Parser("1+x").parse()
print(t1, t1 == t2, len({t1, t2}), sorted(NodeMeta.registry))
print([type(c).__name__ for c in t1.children()])
try:
    Num(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    Num(1).other = 3
except AttributeError as e:
    print("AttributeError:", e)
env = Env(Env(Env()))
print(env.depth, isinstance(env, dict), Env.__mro__[1].__name__)
print(list(Lexer("let q = 1 in q"))[:3])
