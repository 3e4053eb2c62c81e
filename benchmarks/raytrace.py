# A small ray tracer: vector classes with operator overloading, spheres, a plane, lights, shadows and
# reflections, rendering to an integer checksum.
import math

EPSILON = 0.00001


class Vector:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y, self.z - other.z)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k, self.z * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vector(-self.x, -self.y, -self.z)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self * (1.0 / self.length())

    def reflect(self, normal):
        return self - normal * (2 * self.dot(normal))


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction.normalized()

    def at(self, t):
        return self.origin + self.direction * t


class Sphere:
    def __init__(self, center, radius, color, reflect):
        self.center = center
        self.radius = radius
        self.color = color
        self.reflect = reflect

    def intersect(self, ray):
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0:
            return None
        root = math.sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        if t > EPSILON:
            return t
        return None

    def normal_at(self, point):
        return (point - self.center).normalized()


class Plane:
    def __init__(self, point, normal, color, reflect):
        self.point = point
        self.normal = normal.normalized()
        self.color = color
        self.reflect = reflect

    def intersect(self, ray):
        denom = ray.direction.dot(self.normal)
        if abs(denom) < EPSILON:
            return None
        t = (self.point - ray.origin).dot(self.normal) / denom
        return t if t > EPSILON else None

    def normal_at(self, point):
        return self.normal


class Scene:
    def __init__(self):
        self.objects = [
            Sphere(Vector(0, 1, 5), 1.0, Vector(1.0, 0.2, 0.2), 0.3),
            Sphere(Vector(-2, 0.7, 6), 0.7, Vector(0.2, 1.0, 0.2), 0.5),
            Sphere(Vector(2, 0.5, 4), 0.5, Vector(0.2, 0.2, 1.0), 0.1),
            Plane(Vector(0, 0, 0), Vector(0, 1, 0), Vector(0.8, 0.8, 0.8), 0.2),
        ]
        self.lights = [Vector(-5, 10, -3), Vector(6, 8, 0)]

    def nearest(self, ray):
        best_t = None
        best = None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and (best_t is None or t < best_t):
                best_t, best = t, obj
        return best, best_t

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            return Vector(0.1, 0.1, 0.2)
        point = ray.at(t)
        normal = obj.normal_at(point)
        color = obj.color * 0.1
        for light in self.lights:
            to_light = (light - point).normalized()
            shadow, _ = self.nearest(Ray(point, to_light))
            if shadow is None:
                diffuse = normal.dot(to_light)
                if diffuse > 0:
                    color = color + obj.color * diffuse * 0.7
        if depth < 3 and obj.reflect > 0:
            reflected = Ray(point, ray.direction.reflect(normal))
            color = color + self.trace(reflected, depth + 1) * obj.reflect
        return color


def render(width, height):
    scene = Scene()
    eye = Vector(0, 1.5, -3)
    checksum = 0
    for j in range(height):
        for i in range(width):
            x = (i - width / 2) / width
            y = (height / 2 - j) / height
            c = scene.trace(Ray(eye, Vector(x, y, 1)), 0)
            r = min(255, int(c.x * 255))
            g = min(255, int(c.y * 255))
            b = min(255, int(c.z * 255))
            checksum = (checksum * 31 + r * 65536 + g * 256 + b) % 1000000007
    return checksum


print("raytrace checksum", render(120, 90))
