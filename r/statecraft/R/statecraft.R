# SPDX-License-Identifier: MIT
# statecraft from R: a thin wrapper over the statecraft program's JSON (docs/r.md).

#' The statecraft program this package runs: option statecraft.cli, else the environment
#' variable STATECRAFT_CLI, else `statecraft` on the PATH.
statecraft_cli <- function() {
  cli <- getOption("statecraft.cli", Sys.getenv("STATECRAFT_CLI", ""))
  if (!nzchar(cli)) cli <- Sys.which("statecraft")[[1]]
  if (!nzchar(cli) || !file.exists(cli)) {
    stop("the statecraft program was not found: set options(statecraft.cli = \"/path/statecraft\")",
         " or STATECRAFT_CLI, or put it on the PATH", call. = FALSE)
  }
  cli
}

# An R condition from the program's first error line "FILE:LINE:COL: error: MESSAGE" (or
# "FILE: error: MESSAGE", "statecraft: error: MESSAGE"), with file, line and column.
statecraft_error <- function(stderr, status) {
  first <- if (length(stderr)) stderr[[1]] else sprintf("statecraft failed (exit %d)", status)
  m <- regmatches(first, regexec("^(.*?):([0-9]+):([0-9]+): error: (.*)$", first))[[1]]
  if (length(m) == 5) {
    file <- m[[2]]; line <- as.integer(m[[3]]); column <- as.integer(m[[4]]); msg <- m[[5]]
  } else {
    m <- regmatches(first, regexec("^(.*?): error: (.*)$", first))[[1]]
    file <- if (length(m) == 3 && m[[2]] != "statecraft") m[[2]] else NA_character_
    msg <- if (length(m) == 3) m[[3]] else first
    line <- NA_integer_; column <- NA_integer_
  }
  structure(class = c(if (status == 2) "statecraft_input_error", "statecraft_error", "error",
                      "condition"),
            list(message = first, call = NULL, file = file, line = line, column = column,
                 detail = msg, status = status, stderr = stderr))
}

# Runs the program; its standard output as text, or a statecraft_error condition.
statecraft_exec <- function(args) {
  out <- tempfile(); err <- tempfile()
  on.exit(unlink(c(out, err)))
  status <- suppressWarnings(system2(statecraft_cli(), args, stdout = out, stderr = err))
  stderr <- readLines(err, warn = FALSE, encoding = "UTF-8")
  if (status != 0) stop(statecraft_error(stderr, status))
  paste(readLines(out, warn = FALSE, encoding = "UTF-8"), collapse = "\n")
}

check_string <- function(x, name) {
  if (!is.null(x) && !(is.character(x) && length(x) == 1 && !is.na(x))) {
    stop(sprintf("%s must be a single string", name), call. = FALSE)
  }
}

check_count <- function(x, name) {
  if (!is.null(x) && !(is.numeric(x) && length(x) == 1 && !is.na(x) && x >= 0 && x == round(x))) {
    stop(sprintf("%s must be a non-negative whole number", name), call. = FALSE)
  }
}

scenario_arg <- function(scenario) {
  check_string(scenario, "scenario")
  if (is.null(scenario)) return(character())
  if (!file.exists(scenario)) stop(sprintf("no such file: %s", scenario), call. = FALSE)
  shQuote(scenario)
}

#' The library's version, as `statecraft --version` prints it.
statecraft_version <- function() {
  sub("^statecraft ", "", statecraft_exec("--version"))
}

#' Runs every model on a scenario (NULL: the built-in one): the document
#' `statecraft run --format json` prints, read by jsonlite (`simplify`: jsonlite's
#' simplifyVector, which turns arrays of records into data frames). Without a state the report
#' compares the scenario as given and each variant, before and after the events; `variant`,
#' `events` ("before" or "after") or `until` ("yyyy-mm-dd") ask for one state.
statecraft_run <- function(scenario = NULL, variant = NULL, events = NULL, until = NULL,
                           seed = NULL, runs = NULL, only = NULL, simplify = TRUE) {
  check_string(variant, "variant"); check_string(until, "until")
  check_count(seed, "seed"); check_count(runs, "runs")
  if (!is.null(events) && !(identical(events, "before") || identical(events, "after"))) {
    stop("events must be \"before\" or \"after\"", call. = FALSE)
  }
  if (!is.null(only) && !is.character(only)) stop("only must be model names", call. = FALSE)
  args <- c("run", scenario_arg(scenario), "--format", "json")
  if (!is.null(variant)) args <- c(args, "--variant", shQuote(variant))
  if (identical(events, "before")) args <- c(args, "--before-events")
  if (identical(events, "after") || !is.null(until)) {
    args <- c(args, if (is.null(until)) "--after-events" else paste0("--after-events=", until))
  }
  if (!is.null(seed)) args <- c(args, "--seed", format(seed, scientific = FALSE))
  if (!is.null(runs)) args <- c(args, "--runs", format(runs, scientific = FALSE))
  if (!is.null(only)) args <- c(args, "--only", paste(only, collapse = ","))
  jsonlite::fromJSON(statecraft_exec(args), simplifyVector = simplify)
}

#' The scenario as given, as a scenario file in JSON (`statecraft show --format json`, which
#' `validate` and `run` read back); `show --format normalized` is the normalized view.
statecraft_show <- function(scenario = NULL, simplify = TRUE) {
  jsonlite::fromJSON(statecraft_exec(c("show", scenario_arg(scenario), "--format", "json")),
                     simplifyVector = simplify)
}

#' Checks a scenario: TRUE (invisibly), or an error of class statecraft_input_error carrying
#' file, line and column.
statecraft_validate <- function(scenario) {
  if (is.null(scenario)) stop("scenario must be a file", call. = FALSE)
  statecraft_exec(c("validate", scenario_arg(scenario)))
  invisible(TRUE)
}

# The war section's content per state: a list of (state id, content).
war_states <- function(report) {
  war <- report$models$war
  if (is.null(war)) return(list())
  if (!is.null(war$levers)) return(list(list("scenario", war)))
  out <- list()
  for (k in c("before_events", "after_events")) {
    if (!is.null(war[[k]])) out[[length(out) + 1]] <- list(gsub("_", "-", k), war[[k]])
  }
  for (v in names(war$variants)) {
    for (k in c("before_events", "after_events")) {
      w <- war$variants[[v]][[k]]
      if (!is.null(w)) out[[length(out) + 1]] <- list(paste0(v, "/", gsub("_", "-", k)), w)
    }
  }
  out
}

#' The war model's lever table of a report (statecraft_run, simplify = FALSE or TRUE): one row
#' per lever and state, the numbers as columns.
statecraft_war_levers <- function(report, state = NULL) {
  rows <- list()
  for (st in war_states(report)) {
    if (!is.null(state) && st[[1]] != state) next
    levers <- st[[2]]$levers
    for (lever in names(levers)) {
      values <- levers[[lever]]
      scalars <- values[vapply(values, function(v) is.atomic(v) && length(v) == 1, logical(1))]
      rows[[length(rows) + 1]] <- c(list(state = st[[1]], lever = lever), scalars)
    }
  }
  if (!is.null(state) && !length(rows)) stop(sprintf("no state '%s' in the war section", state))
  if (!length(rows)) return(data.frame())
  cols <- unique(unlist(lapply(rows, names)))
  as.data.frame(lapply(setNames(cols, cols), function(c) {
    v <- lapply(rows, function(r) if (is.null(r[[c]])) NA else r[[c]])
    unlist(v)
  }), stringsAsFactors = FALSE)
}

#' The claims of a report as a data frame (one row per claim, its scalar fields as columns).
statecraft_claims <- function(report) {
  claims <- report$models$claims
  if (is.list(claims) && !is.data.frame(claims) && !is.null(claims$claims)) claims <- claims$claims
  if (is.data.frame(claims)) {
    keep <- vapply(claims, is.atomic, logical(1))
    return(claims[, keep, drop = FALSE])
  }
  rows <- lapply(claims, function(c) c[vapply(c, function(v) is.atomic(v) && length(v) <= 1,
                                               logical(1))])
  cols <- unique(unlist(lapply(rows, names)))
  as.data.frame(lapply(setNames(cols, cols), function(col) {
    unlist(lapply(rows, function(r) if (is.null(r[[col]])) NA else r[[col]]))
  }), stringsAsFactors = FALSE)
}

#' Nash equilibria of a Gambit .nfg (or .efg, solved in its reduced strategic form) game by one
#' of Gambit's methods ("enumpure", "enummixed", "lcp", "logit", "simpdiv"): a list with one
#' element per equilibrium, each a named list of the players' mixed strategies (numeric vectors
#' named by strategy); the exact fractions the program prints are in the attribute "exact".
statecraft_solve <- function(game, method = "enummixed") {
  check_string(method, "method")
  strategies <- statecraft_game_strategies(game)
  lines <- strsplit(statecraft_exec(c("solve", "-S", "--method", shQuote(method),
                                      scenario_arg(game))), "\n")[[1]]
  shape <- lengths(strategies)
  ends <- cumsum(shape)
  starts <- ends - shape + 1
  lapply(grep("^NE,", lines, value = TRUE), function(l) {
    text <- strsplit(sub("^NE,", "", l), ",")[[1]]
    if (length(text) != sum(shape)) stop("unexpected equilibrium line: ", l, call. = FALSE)
    value <- vapply(strsplit(text, "/"), function(p) {
      p <- as.numeric(p)
      if (length(p) == 2) p[[1]] / p[[2]] else p[[1]]
    }, numeric(1))
    mix <- function(i, v) setNames(v[starts[[i]]:ends[[i]]], strategies[[i]])
    structure(setNames(lapply(seq_along(shape), mix, v = value), names(strategies)),
              exact = setNames(lapply(seq_along(shape), mix, v = text), names(strategies)))
  })
}

# Players and their strategy labels, read from the strategic form statecraft writes
# (`statecraft game convert --to payoff`): NFG 1 R "title" { "P1" "P2" }, then one
# { "s1" "s2" } line per player.
statecraft_game_strategies <- function(game) {
  nfg <- strsplit(statecraft_exec(c("game", "convert", "--to", "payoff", scenario_arg(game))),
                  "\n")[[1]]
  quoted <- function(x) {
    q <- regmatches(x, gregexpr('"(\\\\.|[^"\\\\])*"', x))[[1]]
    gsub('\\\\(.)', "\\1", substr(q, 2, nchar(q) - 1))
  }
  players <- quoted(nfg[[1]])[-1] # the first quoted string is the title
  rows <- grep("^\\{", nfg)
  rows <- rows[rows > 1][seq_along(players)]
  strategies <- lapply(nfg[rows], function(line) quoted(sub("^\\{ *\\{", "{", line)))
  setNames(strategies, players)
}
