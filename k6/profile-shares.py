#!/usr/bin/env python3
"""Where a profiled app's CPU went: shares of async-profiler samples (collapsed stacks taken with -t, as
k6/bench-variant.sh's `profile` phase writes them), by thread group and by the code a sample is in.

  k6/profile-shares.py FILE.collapsed [FILE2.collapsed ...]

Thread groups come from the thread name (the first frame); within request threads the first matching marker
of the stack, looked up from the leaf, names the code (Tomcat, Spring Security, MVC, Jackson, the gate, Redis...).
"""
import re, sys
from collections import Counter

THREADS = [('request threads (Tomcat exec)', r'exec-\d+'), ('Tomcat poller / acceptor', r'Poller|Acceptor'),
           ('booking writers', r'booking-writer'), ('Kafka publisher / tracking processors', r'EventProcessor|kafka-publisher|hold-expiry|tracking|reservation'),
           ('event store producer / Axon', r'axon|EventStore|Producer'), ('Kafka clients', r'kafka|Kafka'),
           ('Lettuce / Netty (Redis)', r'lettuce|nioEventLoop|epoll'), ('GC', r'GC|G1|Gang|Conc'),
           ('JIT compiler', r'C1|C2|Compiler'), ('Hikari / db-scheduler', r'Hikari|db-scheduler')]
CODE = [('Redis client (Lettuce)', 'io/lettuce'), ('JDBC (MariaDB driver)', 'org/mariadb'), ('Jackson', 'com/fasterxml/jackson'),
        ('JWT (Nimbus)', 'com/nimbusds'), ('Spring Security', 'org/springframework/security'),
        ('Micrometer / observation', 'io/micrometer'), ('logging', 'ch/qos/logback'), ('Axon', 'org/axonframework'),
        ('Spring MVC / web', 'org/springframework/web'), ('Tomcat', 'org/apache/'), ('ticketing code', 'io/ticketing'),
        ('JDK / kernel', '')]


def group(thread):
    for name, pattern in THREADS:
        if re.search(pattern, thread):
            return name
    return 'other: ' + re.sub(r'[-_ ]?\d+', '', thread)[:40]


def main():
    for path in sys.argv[1:]:
        threads, code, total = Counter(), Counter(), 0
        for line in open(path):
            stack, _, count = line.rstrip().rpartition(' ')
            n = int(count)
            frames = stack.split(';')
            thread = frames[0].strip('[]')
            total += n
            g = group(thread)
            threads[g] += n
            if g.startswith('request'):
                for frame in reversed(frames[1:]):
                    hit = next((name for name, marker in CODE if marker and marker in frame.replace('.', '/')), None)
                    if hit:
                        code[hit] += n
                        break
                else:
                    code['JDK / kernel'] += n
        print(f'== {path}: {total} samples')
        for name, n in threads.most_common():
            print(f'  {100 * n / total:5.1f} %  {name}')
        req = threads['request threads (Tomcat exec)']
        if req:
            print(f'  request threads by the code a sample is in (share of all samples):')
            for name, n in code.most_common():
                print(f'    {100 * n / total:5.1f} %  {name}')


if __name__ == '__main__':
    main()
