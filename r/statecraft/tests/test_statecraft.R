# SPDX-License-Identifier: MIT
# The R wrapper's tests (base R only): Rscript tests/test_statecraft.R, with the package
# installed and STATECRAFT_CLI naming the program; STATECRAFT_SOURCE_DIR the repository and
# STATECRAFT_VERSION the project version (set by tests/r/CMakeLists.txt).
library(statecraft)
src <- Sys.getenv("STATECRAFT_SOURCE_DIR")
fails <- 0
check <- function(name, expr) {
  ok <- tryCatch(isTRUE(expr), error = function(e) { message("  error: ", conditionMessage(e)); FALSE })
  if (!ok) { fails <<- fails + 1; message("FAIL ", name) } else message("ok   ", name)
}
err <- function(expr) tryCatch({ expr; NULL }, error = function(e) e)

check("version is the project version", statecraft_version() == Sys.getenv("STATECRAFT_VERSION") &&
        as.character(utils::packageVersion("statecraft")) == Sys.getenv("STATECRAFT_VERSION"))

report <- statecraft_run(seed = 7, runs = 200, only = c("baseline", "war", "claims"))
states <- report$states$id
check("the comparative report", report$schema == 1 && "after-events" %in% states)
levers <- statecraft_war_levers(report)
check("one lever row per lever and state", nrow(levers) == length(states) *
        length(report$models$war$after_events$levers) && all(states %in% levers$state))
after <- statecraft_war_levers(report, state = "after-events")
check("lever numbers are the report's", all(after$p_ceasefire ==
        vapply(after$lever, function(l) report$models$war$after_events$levers[[l]]$p_ceasefire, 0)))
check("an unknown state is an error", !is.null(err(statecraft_war_levers(report, "nope"))))
claims <- statecraft_claims(report)
shown <- statecraft_show()
check("claims table", nrow(claims) == nrow(shown$claims) && all(claims$id == shown$claims$id))

other <- statecraft_run(seed = 8, runs = 200, only = "war")
check("the seed moves the Monte Carlo", !identical(other$models$war, report$models$war))
variant <- shown$variants$name[[1]]
one <- statecraft_run(variant = variant, runs = 200, only = "war")
check("a variant gives its single state", one$state$variant == variant && is.null(one$states))
before <- statecraft_run(events = "before", runs = 200, only = "baseline")
check("before the events", before$state$events == "before")

bad <- file.path(src, "tests", "data", "bad", "alias.yaml")
e <- err(statecraft_validate(bad))
check("a bad scenario is a located input error", inherits(e, "statecraft_input_error") &&
        e$file == bad && e$line == 6 && e$column == 6 && grepl("aliases", e$detail))
check("a good scenario validates",
      isTRUE(statecraft_validate(file.path(src, "tests", "data", "good", "full.yaml"))))
check("a missing file is an error", !is.null(err(statecraft_run("no-such-file.yaml"))))
check("a seed must be a number", !is.null(err(statecraft_run(seed = "7"))))
check("events must be before or after", !is.null(err(statecraft_run(events = "during"))))

game <- tempfile(fileext = ".nfg")
writeLines(c('NFG 1 R "pennies" { "Row" "Col" } { 2 2 }', "", "1 -1 -1 1 -1 1 1 -1"), game)
eq <- statecraft_solve(game, "enummixed")
check("matching pennies: one mixed equilibrium", length(eq) == 1 &&
        all(eq[[1]]$Row == c(0.5, 0.5)) && all(attr(eq[[1]], "exact")$Col == c("1/2", "1/2")))
check("players and strategies named", identical(names(eq[[1]]), c("Row", "Col")) &&
        identical(names(eq[[1]]$Row), c("1", "2")))
check("no pure equilibrium", length(statecraft_solve(game, "enumpure")) == 0)
e <- err(statecraft_solve(game, "enumixed"))
check("an unknown method is an input error", inherits(e, "statecraft_input_error"))

if (fails) quit(status = 1)
message("all R tests passed")
