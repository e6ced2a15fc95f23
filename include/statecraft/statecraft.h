/* SPDX-License-Identifier: MIT */
/** @file statecraft.h
 * Umbrella header. Include this one; it includes the rest. */
#ifndef STATECRAFT_H
#define STATECRAFT_H

#include "statecraft/bargain.h"
#include "statecraft/common.h"
#include "statecraft/diag.h"
#include "statecraft/eum.h"
#include "statecraft/events.h"
#include "statecraft/game.h"
#include "statecraft/landscape.h"
#include "statecraft/montecarlo.h"
#include "statecraft/report.h"
#include "statecraft/rng.h"
#include "statecraft/scenario.h"
#include "statecraft/smp.h"
#include "statecraft/triangle.h"
#include "statecraft/uncertainty.h"
#include "statecraft/version.h"
#include "statecraft/war.h"

#endif
