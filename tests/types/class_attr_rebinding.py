# Rebinding class attributes: counters kept on a class, seen through instances, subclasses and the class;
# plain values replaced by methods and back; slotted classes; shadowing in a subclass.


class Entity:
    next_id = 0
    label = "entity"

    def __init__(self):
        self.id = Entity.next_id
        Entity.next_id += 1

    def describe(self):
        return f"{self.label}#{self.id} of {self.next_id}"


class Plant(Entity):
    pass


class Animal(Entity):
    label = "animal"


class Slotted:
    __slots__ = ("x",)
    scale = 2

    def __init__(self, x):
        self.x = x

    def scaled(self):
        return self.x * self.scale


def run():
    out = []
    for i in range(6):
        e = (Entity, Plant, Animal)[i % 3]()
        out.append(e.describe())
    print(out)
    print(Entity.next_id, Plant.next_id, Animal.next_id)

    # A subclass that shadows the counter stops seeing the base's rebinding.
    Plant.next_id = 100
    Entity()
    print(Entity.next_id, Plant.next_id, Animal.next_id, Plant().id, Plant.next_id)
    del Plant.next_id
    print(Plant.next_id)

    # Plain value -> method -> plain value under one name, read through the same sites.
    a = Animal()
    for step in range(4):
        if step == 1:
            Animal.label = lambda self: "called"
        elif step == 2:
            Animal.label = "relabelled"
        elif step == 3:
            Animal.label = 3.5
        v = a.label
        print(step, v() if callable(v) else v)

    # An instance attribute shadows a class value until deleted.
    a.label = "own"
    print(a.describe())
    del a.label
    print(a.describe())

    s = Slotted(5)
    total = 0
    for k in range(5):
        Slotted.scale = k
        total += s.scaled()
    print(total, Slotted.scale)

    # Rebinding to a tuple and a string, and back to an int.
    for v in [(1, 2), "text", 7, None, True]:
        Entity.label = v
        print(repr(Entity().label), repr(Animal.label))




class Registry:
    created = 0

    @classmethod
    def make(cls, tag):
        cls.created += 1
        return f"{cls.__name__}:{tag}:{cls.created}"

    @staticmethod
    def scale(x):
        return x * 3


class SubRegistry(Registry):
    pass


def class_sites():
    # Class-object sites for a class method, a static method and a counter, while the counter is rebound.
    out = []
    for i in range(4):
        out.append(Registry.make(i))
        out.append(SubRegistry.make(i))
        out.append(Registry.scale(i) + Registry.created)
    print(out)
    # A static method replaced by a plain value, then by a function, under one name read at one site.
    for step in range(3):
        if step == 1:
            Registry.scale = 10
        elif step == 2:
            Registry.scale = staticmethod(lambda x: -x)
        v = Registry.scale
        print(step, v(2) if callable(v) else v, SubRegistry.created)




class Store:
    x = 0


def put(o, v):
    o.x = v


def store_site_after_rebinding():
    # A store site filled after plain rebindings must still see a property that later takes the name.
    o = Store()
    Store.x = 1
    Store.x = 2
    put(o, 5)
    put(o, 6)
    print(o.__dict__)
    Store.x = property(lambda self: "prop", lambda self, v: print("setter", v))
    Store.y = 1
    put(o, 7)
    print(o.x, o.__dict__)


run()
class_sites()
store_site_after_rebinding()
