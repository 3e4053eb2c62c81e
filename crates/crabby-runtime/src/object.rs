//! Heap objects and the one place that counts references.
//!
//! Every Python object that is not an inline [`Value`](crate::Value) is one allocation: an [`Object`] holding a
//! reference count, a pointer to its type, an optional instance `__dict__` and a [`Payload`] chosen by the type's
//! base layout. [`ObjRef`] is the owning pointer; cloning and dropping it is the only reference counting in the
//! runtime, so the policy (immortal objects today, biased counting later) lives here alone.

use std::ptr::NonNull;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

use parking_lot::RwLock;

use crate::builtins::{
    dict::DictObj, exceptions::ExceptionObj, function::BoundMethodObj, function::BuiltinFunctionObj,
    function::FunctionObj, iter::NativeIter, module::ModuleObj, range::RangeObj, set::SetObj, slice::SliceObj,
    str::PyStr, type_::TypeObj,
};
use crate::Value;

/// Reference counts at or above this bit belong to immortal objects: they are never freed and their count is
/// never written, so threads sharing them never contend on the count's cache line.
const IMMORTAL: usize = 1 << (usize::BITS - 2);

/// Set once a weak reference to the object exists: freeing it must then clear its weak references.
const WEAKLY_REFERENCED: usize = 1 << (usize::BITS - 4);

/// The bits of the count word that count references.
const COUNT_MASK: usize = WEAKLY_REFERENCED - 1;

/// The storage an object carries, chosen by the base layout of its type. A user class deriving from `list`
/// has instances with a `List` payload and a `__dict__`.
pub enum Payload {
    /// Instances of `object` and of user classes with no built-in base other than `object`; user classes'
    /// instances keep their attributes here until a dict is needed (`builtins::instance`).
    Instance(crate::builtins::instance::InstAttrs),
    /// An int outside the i64 range (plain ints inside it are inline values), or an instance of an int subclass.
    Int(num_bigint::BigInt),
    /// A float subclass instance (plain floats are inline values).
    Float(f64),
    Complex(f64, f64),
    Str(PyStr),
    Bytes(Box<[u8]>),
    ByteArray(RwLock<Vec<u8>>),
    /// A `memoryview` of a `bytes` or `bytearray`.
    MemoryView(crate::builtins::memoryview::MemoryViewObj),
    Tuple(crate::builtins::tuple::TupleItems),
    List(RwLock<Vec<Value>>),
    Dict(DictObj),
    /// `set` and `frozenset` (the type says which).
    Set(SetObj),
    Range(RangeObj),
    Slice(SliceObj),
    /// Boxed, like the other large rare payloads, so that every other object stays small (see `Payload`).
    Function(Box<FunctionObj>),
    BuiltinFunction(BuiltinFunctionObj),
    BoundMethod(BoundMethodObj),
    Type(Box<TypeObj>),
    Module(ModuleObj),
    /// A closure cell; `None` while the variable is unbound.
    Cell(RwLock<Option<Value>>),
    Exception(Box<ExceptionObj>),
    /// Built-in iterators (list/tuple/str/range/dict iterators, `enumerate`, `zip`, `map`, generator
    /// expressions, ...); the type says which.
    Iter(Box<dyn NativeIter>),
    /// `property`, `classmethod`, `staticmethod`: the wrapped callables.
    Descriptor(crate::builtins::descriptor::DescriptorObj),
    /// A code object: what the compiler knows about one function body.
    Code(&'static crate::ops::call::CodeInfo),
    /// A generator or coroutine made by calling a generator function or `async def`.
    Generator(crate::builtins::generator::GeneratorObj),
    /// `super(type, obj)`: the class to start after and the object (or class) bound.
    Super(crate::builtins::super_::SuperObj),
    /// State of a native module's type (`_thread.lock`, `collections.deque`, ...): see [`NativeBox`].
    Native(NativeBox),
    /// Singletons such as `NotImplemented` and `Ellipsis`, whose type is all there is to them.
    Singleton,
}

// Every heap object is as large as the largest payload, so payloads of rare objects that would be larger than a
// dict (types, functions, exceptions) are boxed: a heap object is 168 bytes instead of 344, which halved the
// allocation and copying cost of instances, strings and tuples (measured in ARCHITECTURE.md, "Fast paths").
const _: () = assert!(std::mem::size_of::<Payload>() <= 144);

/// The payload of instances of native modules' types: any thread-safe Rust value, recovered by downcasting.
pub struct NativeBox(pub Box<dyn std::any::Any + Send + Sync>);

impl NativeBox {
    pub fn new<T: std::any::Any + Send + Sync>(value: T) -> NativeBox {
        NativeBox(Box::new(value))
    }

    /// The native state, if it is a `T`.
    pub fn get<T: std::any::Any>(&self) -> Option<&T> {
        self.0.downcast_ref::<T>()
    }
}

impl Payload {
    /// The native state of an object, if it holds a `T`.
    pub fn native<T: std::any::Any>(&self) -> Option<&T> {
        match self {
            Payload::Native(b) => b.get::<T>(),
            _ => None,
        }
    }
}

/// A heap object.
pub struct Object {
    rc: AtomicUsize,
    /// The object's type. Types are immortal, so this pointer needs no count of its own. It is written once,
    /// before the object is shared.
    ty: NonNull<Object>,
    /// The instance `__dict__` (a dict object), for types whose instances have one: set at creation, or
    /// once, when an instance with inline attributes materialises it (`builtins::instance`); never changed
    /// after. Read it through [`Object::dict`].
    dict: DictSlot,
    pub payload: Payload,
}

/// `Object::dict`: a dict reference written at most once after creation (null while there is none).
struct DictSlot(AtomicPtr<Object>);

impl DictSlot {
    fn new(d: Option<ObjRef>) -> DictSlot {
        DictSlot(AtomicPtr::new(d.map_or(std::ptr::null_mut(), |d| std::mem::ManuallyDrop::new(d).0.as_ptr())))
    }
}

impl Drop for DictSlot {
    fn drop(&mut self) {
        if let Some(p) = NonNull::new(*self.0.get_mut()) {
            // The slot owns this reference.
            drop(ObjRef(p));
        }
    }
}

impl Object {
    /// The object's type, as a borrowed reference.
    #[inline]
    pub fn ty(&self) -> &ObjRef {
        let p = &self.ty as *const NonNull<Object> as *const ObjRef;
        // SAFETY: `ObjRef` is a transparent `NonNull<Object>`, the field is never written after bootstrapping,
        // and types are immortal, so the borrowed `ObjRef` never dangles and is never dropped through it.
        unsafe { &*p }
    }

    /// The instance `__dict__` or slot storage, made first if the instance keeps its attributes inline
    /// (which then move into it for good).
    #[inline]
    pub fn dict(&self) -> Option<&ObjRef> {
        if let Some(d) = self.raw_dict() {
            return Some(d);
        }
        match &self.payload {
            Payload::Instance(a) if a.is_inline() => {
                crate::builtins::instance::materialize(self);
                self.raw_dict()
            }
            Payload::Exception(_) => crate::builtins::exceptions::lazy_dict(self),
            _ => None,
        }
    }

    /// Publishes `d` as the dict of an object that has none yet, unless another thread did first: returns
    /// the dict the object keeps (for dicts made on first use, such as exceptions' `__dict__`).
    pub(crate) fn set_dict_if_absent(&self, d: ObjRef) -> &ObjRef {
        let p = std::mem::ManuallyDrop::new(d).0.as_ptr();
        // AcqRel: Release publishes the new dict's contents; Acquire, on failure, makes the winner's visible.
        if self.dict.0.compare_exchange(std::ptr::null_mut(), p, Ordering::AcqRel, Ordering::Acquire).is_err() {
            // SAFETY: `p` came from the `ObjRef` leaked just above and was not published.
            drop(ObjRef(unsafe { NonNull::new_unchecked(p) }));
        }
        self.raw_dict().expect("the dict was just published")
    }

    /// The dict as it is now, without materialising inline attributes.
    #[inline]
    pub fn raw_dict(&self) -> Option<&ObjRef> {
        // Acquire: pairs with the Release in `set_dict_once`, so the dict's contents are visible.
        if self.dict.0.load(Ordering::Acquire).is_null() {
            return None;
        }
        // SAFETY: `ObjRef` is a transparent non-null pointer, and a non-null slot is never written again, so
        // reading it through a shared reference cannot race with a write; the object owns the reference.
        Some(unsafe { &*(&self.dict.0 as *const AtomicPtr<Object> as *const ObjRef) })
    }

    /// Publishes the materialised dict of an instance that had none (called under its attributes' write
    /// lock, so at most once).
    pub(crate) fn set_dict_once(&self, d: ObjRef) {
        let p = std::mem::ManuallyDrop::new(d).0.as_ptr();
        // Release: readers that see the pointer see the dict's contents.
        let prev = self.dict.0.swap(p, Ordering::Release);
        debug_assert!(prev.is_null(), "an object's dict is set once");
    }
}

/// An owning reference to a heap object.
#[repr(transparent)]
pub struct ObjRef(NonNull<Object>);

// SAFETY: the pointee is only reachable through `ObjRef`s; its count is atomic, and every payload keeps its
// mutable state behind locks or atomics, so sharing and sending references between threads is sound.
unsafe impl Send for ObjRef {}
// SAFETY: as above; `&ObjRef` only gives `&Object`, whose interior mutability is all thread-safe.
unsafe impl Sync for ObjRef {}

impl ObjRef {
    /// Allocates a new object of type `ty` with a count of one.
    #[inline(always)]
    pub fn new(ty: &ObjRef, payload: Payload) -> ObjRef {
        Self::with_dict(ty, payload, None)
    }

    /// Allocates a new object that carries an instance `__dict__`.
    #[inline(always)]
    pub fn with_dict(ty: &ObjRef, payload: Payload, dict: Option<ObjRef>) -> ObjRef {
        // SAFETY: the closure writes the whole payload.
        unsafe { Self::alloc_with(ty, dict, |p| p.write(payload)) }
    }

    /// Allocates a new object of type `ty` (with no instance dict) whose payload `init` writes straight into
    /// the new allocation, and may then fill in through the pointer: a `str`'s text is copied once, into the
    /// object's inline buffer, instead of into a payload on the stack that [`ObjRef::new`] then copies (with
    /// `rep movs` for a payload that large).
    ///
    /// # Safety
    /// `init` must initialise the whole payload through the pointer it is given before returning. (If it
    /// unwinds instead, the allocation is freed without dropping anything.)
    #[inline(always)]
    pub unsafe fn new_in_place(ty: &ObjRef, init: impl FnOnce(*mut Payload)) -> ObjRef {
        // SAFETY: the caller's promise about `init`.
        unsafe { Self::alloc_with(ty, None, init) }
    }

    /// Allocates the block first and writes the header and (through `init`) the payload into it; inlined into
    /// every constructor. `Box::new(Object { .. })` assembled the whole object on the stack and copied it to
    /// the heap with two calls to `memcpy` (13% of a tuple-returning loop's time).
    ///
    /// # Safety
    /// As [`ObjRef::new_in_place`]: `init` initialises the whole payload.
    #[inline(always)]
    unsafe fn alloc_with(ty: &ObjRef, dict: Option<ObjRef>, init: impl FnOnce(*mut Payload)) -> ObjRef {
        let mut b = Box::<Object>::new_uninit();
        let p = b.as_mut_ptr();
        // SAFETY: `p` points to the fresh, unshared allocation; each field is written exactly once (the payload
        // by `init`, as the caller guarantees) before the box is declared initialised.
        unsafe {
            std::ptr::addr_of_mut!((*p).rc).write(AtomicUsize::new(1));
            std::ptr::addr_of_mut!((*p).ty).write(ty.0);
            std::ptr::addr_of_mut!((*p).dict).write(DictSlot::new(dict));
            init(std::ptr::addr_of_mut!((*p).payload));
            ObjRef(NonNull::from(Box::leak(b.assume_init())))
        }
    }

    /// Allocates an object whose type is not known yet (only for bootstrapping `type` itself); `set_type` must
    /// be called before the object is used.
    pub(crate) fn new_untyped(payload: Payload) -> ObjRef {
        let obj =
            Box::new(Object { rc: AtomicUsize::new(1), ty: NonNull::dangling(), dict: DictSlot::new(None), payload });
        ObjRef(NonNull::from(Box::leak(obj)))
    }

    /// Sets the type pointer while bootstrapping the type objects.
    ///
    /// # Safety
    /// The object must not be shared with any other thread yet, and `ty` must be immortal.
    pub(crate) unsafe fn set_type(&self, ty: &ObjRef) {
        let p = &self.ty as *const NonNull<Object> as *mut NonNull<Object>;
        // SAFETY: the caller guarantees nobody else can read the field concurrently.
        unsafe { p.write(ty.0) };
    }

    /// Makes this object immortal: it is never freed, and counting it costs nothing.
    pub fn make_immortal(self) -> ObjRef {
        // Relaxed: the object is not yet shared, or is shared only through references that keep it alive.
        self.rc.store(IMMORTAL | (IMMORTAL >> 1), Ordering::Relaxed);
        self
    }

    /// Makes an object that may already be shared immortal, keeping its other flags. The caller holds a
    /// reference, so the object cannot be freed meanwhile; a racing decrement only lowers the huge count.
    pub fn immortalize(&self) {
        // Relaxed: the bit only stops counting; no other memory is published with it.
        self.rc.fetch_or(IMMORTAL | (IMMORTAL >> 1), Ordering::Relaxed);
    }

    /// A reference to the immortal object at `addr`, taken without counting (immortal objects are never freed,
    /// and dropping the result does nothing).
    ///
    /// # Safety
    /// `addr` must come from [`ObjRef::addr`] of an object that was immortal when the address was taken.
    #[inline]
    pub unsafe fn from_immortal_addr(addr: usize) -> ObjRef {
        // SAFETY: the caller guarantees the address is that of a live (immortal) object, so it is non-null.
        ObjRef(unsafe { NonNull::new_unchecked(addr as *mut Object) })
    }

    /// Records that a weak reference to this object exists (see `builtins::weakref`).
    pub fn mark_weakly_referenced(&self) {
        // Relaxed: the flag is read by the thread that frees the object, after the Acquire fence in `drop`.
        self.rc.fetch_or(WEAKLY_REFERENCED, Ordering::Relaxed);
    }

    /// A new reference to the object at `addr` if it is still alive (its count is not zero).
    ///
    /// # Safety
    /// The object's memory must still be allocated for the duration of the call: the caller holds the weak
    /// reference registry's lock, and an object with weak references is only freed after it has been removed
    /// from that registry under the same lock.
    pub(crate) unsafe fn upgrade_raw(addr: usize) -> Option<ObjRef> {
        let p = addr as *mut Object;
        // SAFETY: the caller guarantees the object is still allocated.
        let rc = unsafe { &(*p).rc };
        let mut cur = rc.load(Ordering::Relaxed);
        loop {
            if cur & IMMORTAL == 0 && cur & COUNT_MASK == 0 {
                return None;
            }
            if cur & IMMORTAL != 0 {
                return NonNull::new(p).map(ObjRef);
            }
            // Acquire pairs with the Release decrements, so this thread sees the object as its last holder left it.
            match rc.compare_exchange_weak(cur, cur + 1, Ordering::Acquire, Ordering::Relaxed) {
                Ok(_) => return NonNull::new(p).map(ObjRef),
                Err(c) => cur = c,
            }
        }
    }

    #[inline]
    pub fn is_immortal(&self) -> bool {
        self.rc.load(Ordering::Relaxed) & IMMORTAL != 0
    }

    /// Identity, as Python's `is` and `id()` see it.
    #[inline]
    pub fn ptr_eq(&self, other: &ObjRef) -> bool {
        self.0 == other.0
    }

    #[inline]
    pub fn addr(&self) -> usize {
        self.0.as_ptr() as usize
    }

    /// The current count, for `sys.getrefcount`-style diagnostics only.
    pub fn refcount(&self) -> usize {
        self.rc.load(Ordering::Relaxed)
    }
}

impl std::ops::Deref for ObjRef {
    type Target = Object;
    #[inline]
    fn deref(&self) -> &Object {
        // SAFETY: an `ObjRef` owns one count of a live object, so the object outlives the reference.
        unsafe { self.0.as_ref() }
    }
}

impl Clone for ObjRef {
    #[inline]
    fn clone(&self) -> ObjRef {
        // Relaxed is enough for an increment: the caller already holds a reference, so the object cannot be
        // freed concurrently, and no other memory is published by the count.
        if self.rc.load(Ordering::Relaxed) & IMMORTAL == 0 {
            self.rc.fetch_add(1, Ordering::Relaxed);
        }
        ObjRef(self.0)
    }
}

impl Drop for ObjRef {
    #[inline]
    fn drop(&mut self) {
        if self.rc.load(Ordering::Relaxed) & IMMORTAL != 0 {
            return;
        }
        // Release so that this thread's writes to the object happen before its destruction by another thread;
        // the Acquire fence below makes the destroying thread see them.
        let prev = self.rc.fetch_sub(1, Ordering::Release);
        if prev & COUNT_MASK == 1 {
            std::sync::atomic::fence(Ordering::Acquire);
            if prev & WEAKLY_REFERENCED != 0 {
                // Weak references die (and their callbacks run) before the object is freed.
                crate::builtins::weakref::clear_weakrefs(self.0.as_ptr() as usize);
            }
            dealloc(self.0);
        }
    }
}

thread_local! {
    /// Whether this thread is freeing an object, and the objects whose freeing was deferred meanwhile.
    static DEALLOC: (std::cell::Cell<bool>, std::cell::RefCell<Vec<NonNull<Object>>>) =
        const { (std::cell::Cell::new(false), std::cell::RefCell::new(Vec::new())) };
}

/// Frees an object whose count reached zero. Freeing a container frees its items, which may free theirs: to
/// keep the native stack flat however deep the nesting (CPython's "trashcan"), objects that become garbage
/// while another is being freed are queued and freed by the outermost call, one after another.
fn dealloc(p: NonNull<Object>) {
    let free = |p: NonNull<Object>| {
        // SAFETY: the count reached zero, so this was the last reference and nobody else can reach the
        // object; it was allocated by `Box` in `with_dict`/`new_untyped`, and is freed exactly once (either
        // here directly or after being queued, never both).
        unsafe { drop(Box::from_raw(p.as_ptr())) };
    };
    let queued = DEALLOC.try_with(|(busy, pending)| {
        if busy.get() {
            pending.borrow_mut().push(p);
            return true;
        }
        busy.set(true);
        false
    });
    match queued {
        Ok(true) => {}
        Ok(false) => {
            free(p);
            loop {
                let next = DEALLOC.with(|(_, pending)| pending.borrow_mut().pop());
                match next {
                    Some(q) => free(q),
                    None => break,
                }
            }
            DEALLOC.with(|(busy, _)| busy.set(false));
        }
        // The thread is shutting down and its queue is gone: free directly.
        Err(_) => free(p),
    }
}

impl std::fmt::Debug for ObjRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<object at {:#x}>", self.addr())
    }
}

// SAFETY: the only non-thread-safe field is the type pointer, which is written once before the object is
// shared and points at an immortal type; everything else is atomics, locks or immutable data.
unsafe impl Send for Object {}
// SAFETY: as above.
unsafe impl Sync for Object {}

#[cfg(test)]
mod tests {
    use crate::builtins::list::new_list;
    use crate::Value;

    #[test]
    fn freeing_deep_nesting_does_not_recurse() {
        // A million nested lists would overflow the 2 MiB test-thread stack if freeing recursed.
        let mut v = new_list(vec![]);
        for _ in 0..1_000_000 {
            v = new_list(vec![v]);
        }
        drop(v);
    }

    #[test]
    fn immortal_objects_are_not_counted() {
        let s = crate::builtins::str::new_static_str("interned");
        let o = s.as_obj().expect("str object");
        let before = o.refcount();
        let copies: Vec<Value> = (0..10).map(|_| s.clone()).collect();
        assert_eq!(o.refcount(), before);
        drop(copies);
        assert!(o.is_immortal());
    }
}
