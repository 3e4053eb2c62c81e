# Richards: Martin Richards' operating-system task scheduler simulation, written afresh in Python
# (classes, attribute access, method calls and polymorphism).

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1
BUFSIZE = 4


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFSIZE

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class Task:
    def __init__(self, scheduler, ident, priority, queue, packet_pending, waiting, held):
        self.scheduler = scheduler
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.packet_pending = packet_pending
        self.waiting = waiting
        self.held = held
        self.link = scheduler.tasks
        scheduler.tasks = self
        scheduler.table[ident] = self

    def runnable(self):
        return not self.held and (self.packet_pending or not self.waiting)

    def add_packet(self, packet, current):
        """Queues a packet on this task; returns the task to run next."""
        if self.queue is None:
            self.queue = packet
            self.packet_pending = True
            if self.priority > current.priority:
                return self
        else:
            self.queue = packet.append_to(self.queue)
        return current

    def take_packet(self):
        packet = self.queue
        self.queue = packet.link
        self.packet_pending = self.queue is not None
        return packet


class IdleTask(Task):
    def __init__(self, scheduler, ident, priority, queue, count):
        super().__init__(scheduler, ident, priority, queue, True, False, False)
        self.control = 1
        self.count = count

    def run(self, packet):
        s = self.scheduler
        self.count -= 1
        if self.count == 0:
            return s.hold_current()
        if self.control & 1 == 0:
            self.control //= 2
            return s.release(DEVICE_A)
        self.control = (self.control // 2) ^ 0xD008
        return s.release(DEVICE_B)


class WorkTask(Task):
    def __init__(self, scheduler, ident, priority, queue):
        super().__init__(scheduler, ident, priority, queue, True, True, False)
        self.destination = HANDLER_A
        self.count = 0

    def run(self, packet):
        s = self.scheduler
        if packet is None:
            return s.wait_current()
        self.destination = HANDLER_B if self.destination == HANDLER_A else HANDLER_A
        packet.ident = self.destination
        packet.datum = 0
        for i in range(BUFSIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            packet.data[i] = ord("A") + self.count - 1
        return s.queue_packet(packet)


class HandlerTask(Task):
    def __init__(self, scheduler, ident, priority, queue):
        super().__init__(scheduler, ident, priority, queue, True, True, False)
        self.work_in = None
        self.device_in = None

    def run(self, packet):
        s = self.scheduler
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work_in = packet.append_to(self.work_in)
            else:
                self.device_in = packet.append_to(self.device_in)
        work = self.work_in
        if work is not None:
            count = work.datum
            if count < BUFSIZE:
                device = self.device_in
                if device is not None:
                    self.device_in = device.link
                    device.datum = work.data[count]
                    work.datum = count + 1
                    return s.queue_packet(device)
            else:
                self.work_in = work.link
                return s.queue_packet(work)
        return s.wait_current()


class DeviceTask(Task):
    def __init__(self, scheduler, ident, priority, queue):
        super().__init__(scheduler, ident, priority, queue, False, True, False)
        self.pending = None

    def run(self, packet):
        s = self.scheduler
        if packet is None:
            if self.pending is None:
                return s.wait_current()
            packet, self.pending = self.pending, None
            return s.queue_packet(packet)
        self.pending = packet
        s.hold_count += 0
        return s.hold_current()


class Scheduler:
    def __init__(self):
        self.tasks = None
        self.table = [None] * 6
        self.current = None
        self.queue_count = 0
        self.hold_count = 0

    def run(self):
        task = self.tasks
        while task is not None:
            if task.runnable():
                packet = None
                if task.packet_pending and task.queue is not None:
                    packet = task.take_packet()
                    if task.queue is None:
                        task.waiting = False
                self.current = task
                task = task.run(packet)
            else:
                task = task.link

    def release(self, ident):
        task = self.table[ident]
        task.held = False
        if task.priority > self.current.priority:
            return task
        return self.current

    def hold_current(self):
        self.hold_count += 1
        self.current.held = True
        return self.current.link

    def wait_current(self):
        self.current.waiting = True
        return self.current

    def queue_packet(self, packet):
        task = self.table[packet.ident]
        self.queue_count += 1
        packet.link = None
        packet.ident = self.current.ident
        task.waiting = False
        return task.add_packet(packet, self.current)


def run_once(count):
    s = Scheduler()
    IdleTask(s, IDLE, 0, None, count)
    q = Packet(None, WORKER, KIND_WORK)
    q = Packet(q, WORKER, KIND_WORK)
    WorkTask(s, WORKER, 1000, q)
    q = Packet(None, DEVICE_A, KIND_DEVICE)
    q = Packet(q, DEVICE_A, KIND_DEVICE)
    q = Packet(q, DEVICE_A, KIND_DEVICE)
    HandlerTask(s, HANDLER_A, 2000, q)
    q = Packet(None, DEVICE_B, KIND_DEVICE)
    q = Packet(q, DEVICE_B, KIND_DEVICE)
    q = Packet(q, DEVICE_B, KIND_DEVICE)
    HandlerTask(s, HANDLER_B, 3000, q)
    DeviceTask(s, DEVICE_A, 4000, None)
    DeviceTask(s, DEVICE_B, 5000, None)
    s.run()
    return s.queue_count, s.hold_count


def main():
    totals = [0, 0]
    for _ in range(8):
        q, h = run_once(10000)
        totals[0] += q
        totals[1] += h
    print("richards queue count", totals[0], "hold count", totals[1])


main()
