/* SPDX-License-Identifier: MIT */
/* `statecraft forecast --model eum|smp`: each model's front end lives in its own file. */
#ifndef SC_CLI_FORECAST_H
#define SC_CLI_FORECAST_H

/* argv[0] is "forecast"; the full argument list is passed on, --model included. */
int cli_forecast_eum(int argc, char **argv);  /* src/cli/forecast_eum.c */
int cli_forecast_smp(int argc, char **argv);  /* src/cli/forecast_smp.c */

#endif
