# A class-heavy program: accounts with descriptors for validation, class methods as alternate
# constructors, abstract-style base classes, __init_subclass__ registration, rich comparisons,
# context managers for transactions and a ledger that iterates and formats itself.
class ValidationError(ValueError):
    pass


class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__(account.owner, amount)
        self.account = account
        self.amount = amount

    def __str__(self):
        return f"{self.account.owner} cannot withdraw {self.amount}: balance is {self.account.balance}"


class Positive:
    def __set_name__(self, owner, name):
        self.private = "_" + name
        self.public = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private, 0)

    def __set__(self, obj, value):
        if not isinstance(value, (int, float)):
            raise ValidationError(f"{self.public} must be a number, not {type(value).__name__}")
        if value < 0:
            raise ValidationError(f"{self.public} must be >= 0, got {value}")
        setattr(obj, self.private, value)


class Money:
    __slots__ = ("cents",)

    def __init__(self, cents):
        self.cents = int(cents)

    @classmethod
    def parse(cls, text):
        whole, _, frac = text.partition(".")
        return cls(int(whole) * 100 + int((frac + "00")[:2]))

    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        if isinstance(other, int):
            return Money(self.cents + other * 100)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        return Money(self.cents - other.cents)

    def __mul__(self, k):
        return Money(round(self.cents * k))

    __rmul__ = __mul__

    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents

    def __lt__(self, other):
        return self.cents < other.cents

    def __le__(self, other):
        return self.cents <= other.cents

    def __hash__(self):
        return hash(self.cents)

    def __bool__(self):
        return self.cents != 0

    def __format__(self, spec):
        s = f"{self.cents // 100}.{self.cents % 100:02d}"
        return format(s, spec) if spec else s

    def __repr__(self):
        return f"Money({self.cents})"

    def __str__(self):
        return f"${self:}"


class Account:
    kinds = {}
    rate = Positive()
    balance = Positive()

    def __init_subclass__(cls, kind, **kw):
        super().__init_subclass__(**kw)
        Account.kinds[kind] = cls
        cls.kind = kind

    def __init__(self, owner, balance=0, rate=0):
        self.owner = owner
        self.balance = balance
        self.rate = rate
        self.history = []

    @classmethod
    def open(cls, kind, *args, **kwargs):
        try:
            sub = cls.kinds[kind]
        except KeyError:
            raise ValidationError(f"unknown account kind {kind!r}") from None
        return sub(*args, **kwargs)

    def deposit(self, amount):
        self.balance += amount
        self.history.append(("deposit", amount))
        return self

    def withdraw(self, amount):
        if amount > self.limit():
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(("withdraw", amount))
        return self

    def limit(self):
        raise NotImplementedError(f"{type(self).__name__} must define limit()")

    def __repr__(self):
        return f"{type(self).__name__}({self.owner!r}, balance={self.balance})"

    def __lt__(self, other):
        return (self.balance, self.owner) < (other.balance, other.owner)

    def __iter__(self):
        return iter(self.history)

    def __len__(self):
        return len(self.history)


class Checking(Account, kind="checking"):
    overdraft = 100

    def limit(self):
        return self.balance + self.overdraft


class Savings(Account, kind="savings"):
    def limit(self):
        return self.balance

    def add_interest(self):
        self.deposit(round(self.balance * self.rate, 2))


class Broken(Account, kind="broken"):
    pass


class Transaction:
    def __init__(self, *accounts):
        self.accounts = accounts

    def __enter__(self):
        self.snapshot = [(a, a.balance, len(a.history)) for a in self.accounts]
        return self

    def __exit__(self, et, ev, tb):
        if et is not None:
            for a, bal, n in self.snapshot:
                a.balance = bal
                del a.history[n:]
            print(f"  rolled back after {et.__name__}: {ev}")
            return issubclass(et, (InsufficientFunds, ValidationError))
        return False


def transfer(src, dst, amount):
    with Transaction(src, dst):
        src.withdraw(amount)
        dst.deposit(amount)


alice = Account.open("checking", "alice", 50)
bob = Account.open("savings", "bob", 200, rate=0.05)
carol = Account.open("savings", "carol")
print(alice, bob, carol, sorted(Account.kinds))
transfer(alice, bob, 120)
print(alice, bob)
transfer(alice, bob, 100)
print(alice, bob)
transfer(carol, alice, 1)
bob.add_interest()
print(bob, len(bob), list(bob)[-1])
for bad in (lambda: Account.open("loan", "x"), lambda: Savings("d", -5), lambda: Savings("e", "lots"),
            lambda: Account.open("broken", "f").withdraw(1), lambda: Account("g")):
    try:
        bad()
    except (ValidationError, NotImplementedError) as e:
        print(type(e).__name__ + ":", e)
    except TypeError as e:
        print("TypeError:", e)
try:
    with Transaction(bob):
        bob.deposit(10)
        raise KeyError("boom")
except KeyError as e:
    print("escaped", repr(e), bob)
print(sorted([bob, alice, carol]), min(alice, bob).owner, Checking.kind, type(Account.__dict__["rate"]).__name__)
try:
    class NoKind(Account):
        pass
except TypeError as e:
    print("TypeError:", e)

prices = [Money.parse("3.50"), Money.parse("0.99"), Money(1)]
total = sum(prices, Money(0))
print(total, repr(total), f"{total:>10}|", sum(prices), 2 * prices[0], prices[0] * 1.5, sorted(prices))
print(Money(5) == Money(5), Money(5) != Money(6), {Money(5), Money(5)}, bool(Money(0)), Money(3) <= Money(3))
try:
    Money(1) < 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    3 < Money(1)
except TypeError as e:
    print("TypeError:", e)
try:
    Money(1).extra = 1
except AttributeError as e:
    print("AttributeError:", e)
