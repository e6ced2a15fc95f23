/* SPDX-License-Identifier: MIT */
/* The CPUs this process may use (sc_cpu_count, common.h); the cgroup part, for tests. */
#ifndef SC_CORE_CPUS_H
#define SC_CORE_CPUS_H

/*
 * The CPU quota, in CPUs, that the control groups in `cgroup` (the text of /proc/self/cgroup)
 * set, reading the limits under the mount points that `mountinfo` (/proc/self/mountinfo) lists,
 * each prefixed by `prefix` (NULL: none; tests point it at a fake tree): the smallest quota of
 * the process's cgroup and its parents, over cgroup v2 (cpu.max) and v1 (cpu.cfs_quota_us over
 * cpu.cfs_period_us). 0 when nothing limits it.
 */
double sc__cgroup_cpu_quota(const char *cgroup, const char *mountinfo, const char *prefix);

#endif
