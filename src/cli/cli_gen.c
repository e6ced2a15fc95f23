/* SPDX-License-Identifier: MIT */
/* Man pages and the bash completion script, generated from the commands' option tables. */
#define _GNU_SOURCE
#include "cli_gen.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ---- roff ------------------------------------------------------------------------------------ */

/* Writes text for roff: backslashes escaped, '-' as \-, a leading '.' or '\'' protected. */
static void roff_text(FILE *out, const char *s, size_t n)
{
    int bol = 1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (bol && (c == '.' || c == '\'')) {
            fputs("\\&", out);
        }
        bol = c == '\n';
        if (c == '\\') {
            fputs("\\e", out);
        } else if (c == '-') {
            fputs("\\-", out);
        } else {
            fputc(c, out);
        }
    }
}

static void roff_puts(FILE *out, const char *s)
{
    roff_text(out, s, strlen(s));
}

/* A help text whose continuation lines are one paragraph: joined with spaces. */
static void roff_joined(FILE *out, const char *s)
{
    for (const char *p = s; *p;) {
        size_t l = strcspn(p, "\n");
        roff_text(out, p, l);
        p += l;
        if (*p == '\n') {
            p++;
            if (*p) {
                fputc('\n', out);
            }
        }
    }
    fputc('\n', out);
}

static void upper(char *dst, size_t cap, const char *src)
{
    size_t i = 0;
    for (; src[i] && i + 1 < cap; i++) {
        char c = src[i];
        dst[i] = c == ' ' ? '-' : (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
    dst[i] = '\0';
}

/* Description paragraphs: blank lines separate them, indented lines are kept as they are. */
static void roff_description(FILE *out, const char *d)
{
    int in_pre = 0;
    fputs(".PP\n", out);
    for (const char *p = d; *p;) {
        size_t l = strcspn(p, "\n");
        if (l == 0) {
            if (in_pre) {
                fputs(".fi\n.in\n", out);
                in_pre = 0;
            }
            fputs(".PP\n", out);
        } else if (p[0] == ' ') {
            if (!in_pre) {
                fputs(".in +2\n.nf\n", out);
                in_pre = 1;
            }
            size_t sp = strspn(p, " ");
            roff_text(out, p + (sp >= 2 ? 2 : sp), l - (sp >= 2 ? 2 : sp));
            fputc('\n', out);
        } else {
            if (in_pre) {
                fputs(".fi\n.in\n", out);
                in_pre = 0;
            }
            roff_text(out, p, l);
            fputc('\n', out);
        }
        p += l;
        if (*p == '\n') {
            p++;
        }
    }
    if (in_pre) {
        fputs(".fi\n.in\n", out);
    }
}

static void roff_option(FILE *out, const cli_spec *spec, const cli_opt *o)
{
    fputs(".TP\n", out);
    int first = 1;
    if (o->short_name) {
        fprintf(out, "\\fB\\-%c\\fR", o->short_name);
        first = 0;
    }
    if (o->name) {
        fprintf(out, "%s\\fB\\-\\-", first ? "" : ", ");
        roff_puts(out, o->name);
        fputs("\\fR", out);
    }
    if (o->type != CLI_FLAG) {
        const char *mv = o->metavar ? o->metavar : "VALUE";
        fputs(o->flags & CLI_OPTIONAL ? "[=\\fI" : " \\fI", out);
        roff_puts(out, mv);
        fputs(o->flags & CLI_OPTIONAL ? "\\fR]" : "\\fR", out);
        if (o->flags & CLI_MULTI) {
            fputs("...", out);
        }
    }
    fputc('\n', out);
    if (o->id == CLI_O_FORMAT && !o->help) {
        char fh[160];
        cli_format_help(spec, fh, sizeof fh);
        roff_joined(out, fh);
    } else {
        roff_joined(out, o->help ? o->help : "");
    }
    if (o->type == CLI_CHOICE && o->choices) {
        fputs("One of:", out);
        for (size_t i = 0; o->choices[i]; i++) {
            fputs(i ? ", " : " ", out);
            fputs("\\fB", out);
            roff_puts(out, o->choices[i]);
            fputs("\\fR", out);
        }
        fputs(".\n", out);
    }
}

static void roff_synopsis(FILE *out, const cli_spec *spec)
{
    fputs(".nf\n", out);
    const char *syn = spec->synopsis ? spec->synopsis : "";
    for (const char *line = syn;;) {
        size_t l = strcspn(line, "\n");
        fputs("\\fBstatecraft ", out);
        roff_puts(out, spec->name);
        fputs("\\fR", out);
        if (l) {
            fputc(' ', out);
            roff_text(out, line, l);
        }
        fputc('\n', out);
        line += l;
        if (*line == '\0' || line[1] == '\0') {
            break;
        }
        line++;
    }
    fputs(".fi\n", out);
}

static void roff_options(FILE *out, const cli_spec *spec, const char *section)
{
    fprintf(out, "%s\n", section);
    for (const cli_opt *o = spec->options; o && o->type != CLI_END; o++) {
        if (o->flags & CLI_HIDDEN) {
            continue;
        }
        if (o->type == CLI_HEADING) {
            size_t l = strlen(o->help);
            fputs(".SS ", out);
            roff_text(out, o->help, l && o->help[l - 1] == ':' ? l - 1 : l);
            fputc('\n', out);
            continue;
        }
        roff_option(out, spec, o);
    }
}

static void roff_examples(FILE *out, const char *ex)
{
    for (const char *e = ex; *e;) {
        size_t l = strcspn(e, "\n");
        if (l) {
            fputs(".TP\n.B ", out);
            roff_text(out, e, l);
            fputc('\n', out);
        }
        e += l;
        if (*e == '\n') {
            e++;
        }
        size_t l2 = strcspn(e, "\n");
        if (l2) {
            roff_text(out, e, l2);
            fputc('\n', out);
        }
        e += l2;
        while (*e == '\n') {
            e++;
        }
    }
}

static void roff_common_tail(FILE *out)
{
    fputs(".SH COMMON OPTIONS\n"
          ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nPrint the command's help and exit.\n"
          ".TP\n\\fB\\-\\-version\\fR\nPrint the version and exit.\n"
          ".TP\n\\fB\\-\\-max\\-memory\\fR \\fISIZE\\fR\n"
          "The memory budget the input limits derive from (e.g. 512M, 4G; default 2G).\n"
          ".SH ENVIRONMENT\n"
          ".TP\n.B STATECRAFT_THREADS\n"
          "Worker threads when \\fB\\-\\-threads\\fR is not given (an integer from 0 to 1024; 0 or "
          "unset: the CPUs this process may use, from its CPU affinity and its cgroup's CPU "
          "quota). Results never depend on it.\n"
          ".TP\n.B STATECRAFT_MAX_MEMORY\n"
          "The memory budget when \\fB\\-\\-max\\-memory\\fR is not given.\n"
          ".SH EXIT STATUS\n"
          ".TP\n.B 0\nSuccess.\n"
          ".TP\n.B 1\nA failure while running (out of memory, a write error, no convergence).\n"
          ".TP\n.B 2\nBad input or usage: the message names the option, value or file at fault "
          "(a file's errors as FILE:LINE:COL with the line and a caret), and nothing is written.\n"
          ".TP\n.B 130\nInterrupted by SIGINT (Ctrl-C; 143 for SIGTERM) during a long computation: "
          "what was found so far is printed, marked partial, to standard output, and no file is "
          "written at \\fB\\-o\\fR.\n",
          out);
}

void cli_gen_man(FILE *out, const cli_spec *spec)
{
    char up[64];
    upper(up, sizeof up, spec->name);
    fprintf(out, ".\\\" Generated by statecraft --generate-man from the option tables; do not edit.\n");
    fprintf(out, ".TH STATECRAFT-%s 1 \"\" \"statecraft %s\" \"statecraft manual\"\n", up,
            sc_version());
    fputs(".SH NAME\nstatecraft\\-", out);
    for (const char *c = spec->name; *c; c++) {
        fputs(*c == ' ' ? "\\-" : (char[]){*c, 0}, out);
    }
    fputs(" \\- ", out);
    roff_puts(out, spec->summary);
    fputs("\n.SH SYNOPSIS\n", out);
    roff_synopsis(out, spec);
    for (size_t i = 0; spec->subs && spec->subs[i]; i++) {
        roff_synopsis(out, spec->subs[i]);
    }
    if (spec->description) {
        fputs(".SH DESCRIPTION\n", out);
        roff_description(out, spec->description);
    }
    if (spec->options && spec->options->type != CLI_END) {
        roff_options(out, spec, ".SH OPTIONS");
    }
    for (size_t i = 0; spec->subs && spec->subs[i]; i++) {
        const cli_spec *sub = spec->subs[i];
        fputs(".SH \"", out);
        char name[64];
        upper(name, sizeof name, sub->name);
        for (char *c = name; *c; c++) {
            *c = *c == '-' ? ' ' : *c;
        }
        roff_puts(out, name);
        fputs("\"\n", out);
        roff_synopsis(out, sub);
        if (sub->description) {
            roff_description(out, sub->description);
        }
        if (sub->options && sub->options->type != CLI_END) {
            roff_options(out, sub, ".SS Options");
        }
    }
    roff_common_tail(out);
    int any_examples = spec->examples != NULL;
    for (size_t i = 0; spec->subs && spec->subs[i]; i++) {
        any_examples |= spec->subs[i]->examples != NULL;
    }
    if (any_examples) {
        fputs(".SH EXAMPLES\n", out);
        if (spec->examples) {
            roff_examples(out, spec->examples);
        }
        for (size_t i = 0; spec->subs && spec->subs[i]; i++) {
            if (spec->subs[i]->examples) {
                roff_examples(out, spec->subs[i]->examples);
            }
        }
    }
    fputs(".SH SEE ALSO\n\\fBstatecraft\\fR(1)", out);
    if (spec->see_also) {
        fputs(", ", out);
        roff_puts(out, spec->see_also);
    }
    fputs("\n", out);
}

void cli_gen_man_top(FILE *out)
{
    fprintf(out, ".\\\" Generated by statecraft --generate-man; do not edit.\n");
    fprintf(out, ".TH STATECRAFT 1 \"\" \"statecraft %s\" \"statecraft manual\"\n", sc_version());
    fputs(".SH NAME\nstatecraft \\- quantitative models of great\\-power strategy\n"
          ".SH SYNOPSIS\n.nf\n\\fBstatecraft\\fR \\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIFILE\\fR...]\n"
          "\\fBstatecraft\\fR \\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR\n.fi\n"
          ".SH DESCRIPTION\n"
          "statecraft models great\\-power strategy with numbers: the actors of a crisis, the "
          "issues at stake, how they regard one another, the dated events that move them; and "
          "bargaining models (expected utility, KTAB's spatial model), war termination with a "
          "mediator, the strategic triangle, coalition landscapes and Nash equilibria of games "
          "in Gambit's formats. Without a scenario file the commands use the built\\-in 2025 "
          "Ukraine ceasefire scenario.\n"
          ".PP\n"
          "Every command that reads a scenario looks at one state of it, the same by default "
          "everywhere: after all its events, without a variant (the latest known state); "
          "\\fB\\-\\-before\\-events\\fR, \\fB\\-\\-after\\-events\\fR[=\\fIDATE\\fR] and "
          "\\fB\\-\\-variant\\fR \\fINAME\\fR choose another, and every output says which state "
          "it shows and the date it stands for.\n"
          ".SH COMMANDS\n",
          out);
    for (size_t i = 0; i < cli_spec_count(); i++) {
        fputs(".TP\n.B ", out);
        roff_puts(out, cli_command_name(i));
        fputc('\n', out);
        roff_puts(out, cli_command_summary(i));
        fputs(" (\\fBstatecraft\\-", out);
        roff_puts(out, cli_command_name(i));
        fputs("\\fR(1))\n", out);
    }
    fputs(".SH OPTIONS OF EVERY COMMAND\n"
          ".TP\n\\fB\\-o\\fR, \\fB\\-\\-output\\fR \\fIFILE\\fR\n"
          "Write to FILE instead of standard output: atomically (the old file stays whole until "
          "the new one replaces it), and only when the command succeeds.\n"
          ".TP\n\\fB\\-\\-format\\fR \\fIF\\fR\n"
          "The output format: text, json, and csv wherever a table is printed (some commands "
          "also html, yaml or sqlite).\n"
          ".TP\n\\fB\\-\\-before\\-events\\fR, \\fB\\-\\-after\\-events\\fR[=\\fIDATE\\fR], "
          "\\fB\\-\\-variant\\fR \\fINAME\\fR\n"
          "The state of the scenario.\n"
          ".TP\n\\fB\\-\\-seed\\fR \\fIS\\fR, \\fB\\-\\-threads\\fR \\fIT\\fR\n"
          "The master seed of random draws, and the worker threads; the same seed gives the "
          "same results for any number of threads.\n",
          out);
    roff_common_tail(out);
    fputs(".SH FILES\n"
          "Scenarios are YAML files (docs/scenario\\-format.md); actor tables CSV files in "
          "Bueno de Mesquita's layout or KTAB's; games Gambit's .nfg and .efg files. The "
          "examples/ directory of the source holds one of each.\n"
          ".SH SEE ALSO\n",
          out);
    for (size_t i = 0; i < cli_spec_count(); i++) {
        fprintf(out, "%s\\fBstatecraft\\-", i ? ", " : "");
        roff_puts(out, cli_command_name(i));
        fputs("\\fR(1)", out);
    }
    fputs("\n", out);
}

/* ---- bash completion ------------------------------------------------------------------------- */

static const char *names_kind(cli_names n)
{
    switch (n) {
    case CLI_NAMES_ACTOR: return "actor";
    case CLI_NAMES_ISSUE: return "issue";
    case CLI_NAMES_VARIANT: return "variant";
    case CLI_NAMES_MODEL: return "model";
    default: return NULL;
    }
}

/* The "case $prev" arms and the option words of one spec. */
static void completion_spec(FILE *out, const cli_spec *spec, const char *indent)
{
    fprintf(out, "%scase \"$prev\" in\n", indent);
    for (const cli_opt *o = spec->options; o && o->type != CLI_END; o++) {
        if (o->type == CLI_HEADING || o->type == CLI_FLAG || (o->flags & CLI_OPTIONAL)) {
            continue;
        }
        fprintf(out, "%s    ", indent);
        if (o->short_name) {
            fprintf(out, "-%c%s", o->short_name, o->name ? "|" : "");
        }
        if (o->name) {
            fprintf(out, "--%s", o->name);
        }
        fputs(")\n", out);
        const char *kind = names_kind(o->names);
        if (o->id == CLI_O_FORMAT) {
            fprintf(out, "%s        _statecraft_words \"%s\"; return ;;\n", indent,
                    spec->formats ? spec->formats : "text");
        } else if (o->type == CLI_CHOICE && o->choices) {
            fprintf(out, "%s        _statecraft_words \"", indent);
            for (size_t i = 0; o->choices[i]; i++) {
                fprintf(out, "%s%s", i ? " " : "", o->choices[i]);
            }
            fputs("\"; return ;;\n", out);
        } else if (kind && o->type == CLI_LIST) {
            fprintf(out, "%s        _statecraft_list \"$(_statecraft_names %s)\"; return ;;\n",
                    indent, kind);
        } else if (kind) {
            fprintf(out, "%s        _statecraft_words \"$(_statecraft_names %s)\"; return ;;\n",
                    indent, kind);
        } else if (o->type == CLI_FILE || o->names == CLI_NAMES_FILE) {
            fprintf(out, "%s        _statecraft_files; return ;;\n", indent);
        } else {
            fprintf(out, "%s        return ;;\n", indent); /* a number, a date, a text */
        }
    }
    fprintf(out, "%sesac\n", indent);
    fprintf(out, "%sif [[ $cur == -* ]]; then\n%s    _statecraft_words \"", indent, indent);
    int first = 1;
    for (const cli_opt *o = spec->options; o && o->type != CLI_END; o++) {
        if (o->type == CLI_HEADING || (o->flags & CLI_HIDDEN)) {
            continue;
        }
        if (o->name) {
            fprintf(out, "%s--%s%s", first ? "" : " ", o->name, o->flags & CLI_OPTIONAL ? "=" : "");
            first = 0;
        }
        if (o->short_name && !o->name) {
            fprintf(out, "%s-%c", first ? "" : " ", o->short_name);
            first = 0;
        }
    }
    fprintf(out, "%s--help --version\"\n%s    return\n%sfi\n", first ? "" : " ", indent, indent);
    if (spec->operands == CLI_NAMES_FILE) {
        fprintf(out, "%s_statecraft_files\n", indent);
    }
}

/*
 * The completion of a command that parses its own options (no spec yet): the option words its
 * --help text names, then file names.
 */
static void completion_from_help(FILE *out, size_t i)
{
    char *help = cli_command_help(i);
    fprintf(out, "    %s)\n        if [[ $cur == -* ]]; then\n            _statecraft_words \"",
            cli_command_name(i));
    int first = 1;
    for (const char *p = help; p && *p; p++) {
        /* an option word: "-x" or "--word" after a blank, '[' '|' or ',' */
        if (*p != '-' || (p > help && !strchr(" \t\n[|,(", p[-1]))) {
            continue;
        }
        size_t n = 1;
        if (p[1] == '-') {
            n = 2;
            while (p[n] && (isalnum((unsigned char)p[n]) || p[n] == '-')) {
                n++;
            }
            if (n < 4) {
                continue;
            }
        } else if (isalpha((unsigned char)p[1]) && !isalnum((unsigned char)p[2])) {
            n = 2;
        } else {
            continue;
        }
        /* once each */
        int seen = 0;
        for (const char *q = help; q < p && !seen; q++) {
            seen = strncmp(q, p, n) == 0 && !isalnum((unsigned char)q[n]) && q[n] != '-' &&
                   (q == help || strchr(" \t\n[|,(", q[-1]));
        }
        if (!seen) {
            fprintf(out, "%s%.*s", first ? "" : " ", (int)n, p);
            first = 0;
        }
        p += n - 1;
    }
    fputs(first ? "--help --version" : " --version", out);
    fputs("\"\n            return\n        fi\n        _statecraft_files\n        ;;\n", out);
    free(help);
}

void cli_gen_completion(FILE *out)
{
    fputs("# bash completion for statecraft; generated by statecraft --generate-completion from\n"
          "# the commands' option tables (src/cli/cmd_*.c): do not edit.\n"
          "\n"
          "_statecraft_words() {\n"
          "    local IFS=$' \\t\\n'\n"
          "    COMPREPLY=($(compgen -W \"$1\" -- \"$cur\"))\n"
          "}\n"
          "\n"
          "# comma-separated lists (--actors USA,RUS,...): complete the last item\n"
          "_statecraft_list() {\n"
          "    local IFS=$' \\t\\n' pre=\"\" last=$cur\n"
          "    if [[ $cur == *,* ]]; then pre=${cur%,*},; last=${cur##*,}; fi\n"
          "    COMPREPLY=($(compgen -P \"$pre\" -W \"$1\" -- \"$last\"))\n"
          "    compopt -o nospace 2>/dev/null\n"
          "}\n"
          "\n"
          "_statecraft_files() {\n"
          "    local IFS=$'\\n'\n"
          "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
          "    compopt -o filenames 2>/dev/null\n"
          "}\n"
          "\n"
          "# the actors, issues or variants of the scenario named on the command line (else the\n"
          "# built-in one), or the report's models\n"
          "_statecraft_names() {\n"
          "    local w file=\"\" i\n"
          "    for ((i = 2; i < COMP_CWORD; i++)); do\n"
          "        w=${COMP_WORDS[i]}\n"
          "        case $w in\n"
          "            -*) ;;\n"
          "            *) if [[ -f $w && -z $file ]]; then file=$w; fi ;;\n"
          "        esac\n"
          "    done\n"
          "    \"${COMP_WORDS[0]}\" --complete-names \"$1\" ${file:+\"$file\"} 2>/dev/null\n"
          "}\n"
          "\n"
          "_statecraft() {\n"
          "    local cur prev cmd\n"
          "    cur=${COMP_WORDS[COMP_CWORD]}\n"
          "    prev=${COMP_WORDS[COMP_CWORD-1]}\n"
          "    COMPREPLY=()\n"
          "    # --option=value: bash splits the word at '='\n"
          "    if [[ $cur == = ]]; then cur=\"\"; elif [[ $prev == = ]]; then\n"
          "        prev=${COMP_WORDS[COMP_CWORD-2]}\n"
          "    fi\n"
          "    if ((COMP_CWORD == 1)); then\n"
          "        _statecraft_words \"",
          out);
    for (size_t i = 0; i < cli_spec_count(); i++) {
        fprintf(out, "%s ", cli_command_name(i));
    }
    fputs("help --help --version\"\n"
          "        return\n"
          "    fi\n"
          "    cmd=${COMP_WORDS[1]}\n"
          "    case $cmd in\n",
          out);
    for (size_t i = 0; i < cli_spec_count(); i++) {
        const cli_spec *s = cli_spec_at(i);
        if (!s) {
            completion_from_help(out, i);
            continue;
        }
        fprintf(out, "    %s)\n", s->name);
        if (s->actions && s->subs) {
            fputs("        if ((COMP_CWORD == 2)); then\n            _statecraft_words \"", out);
            for (size_t k = 0; s->actions[k]; k++) {
                fprintf(out, "%s%s", k ? " " : "", s->actions[k]);
            }
            fputs(" --help\"\n            return\n        fi\n        case ${COMP_WORDS[2]} in\n",
                  out);
            for (size_t k = 0; s->subs[k]; k++) {
                fprintf(out, "        %s)\n", s->actions[k]);
                completion_spec(out, s->subs[k], "            ");
                fputs("            ;;\n", out);
            }
            fputs("        esac\n", out);
        } else {
            if (s->actions) {
                fputs("        if ((COMP_CWORD == 2)); then\n            _statecraft_words \"", out);
                for (size_t k = 0; s->actions[k]; k++) {
                    fprintf(out, "%s%s", k ? " " : "", s->actions[k]);
                }
                fputs(" --help\"\n            return\n        fi\n", out);
            }
            completion_spec(out, s, "        ");
        }
        fputs("        ;;\n", out);
    }
    fputs("    help)\n        _statecraft_words \"", out);
    for (size_t i = 0; i < cli_spec_count(); i++) {
        fprintf(out, "%s ", cli_command_name(i));
    }
    fputs("\"\n        ;;\n    esac\n}\n\ncomplete -F _statecraft statecraft\n", out);
}

/* ---- the generators' entry point ------------------------------------------------------------ */

/* Runs gen into a memory stream and writes the text to path atomically; an exit status. */
static int write_generated(const char *path, void (*gen)(FILE *, const cli_spec *),
                           const cli_spec *spec)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) {
        fprintf(stderr, "statecraft: error: out of memory\n");
        return SC_EXIT_FAILURE;
    }
    gen(m, spec);
    if (fclose(m) != 0) {
        free(text);
        fprintf(stderr, "statecraft: error: out of memory\n");
        return SC_EXIT_FAILURE;
    }
    sc_diag diag;
    sc_diag_init(&diag);
    int rc = SC_EXIT_OK;
    if (scx_file_write_atomic(path, text, len, &diag) != SC_OK) {
        rc = cli_fail(&diag);
    }
    free(text);
    return rc;
}

static void gen_top(FILE *out, const cli_spec *spec)
{
    (void)spec;
    cli_gen_man_top(out);
}

static void gen_completion(FILE *out, const cli_spec *spec)
{
    (void)spec;
    cli_gen_completion(out);
}

static size_t man_from_help_index;

static void gen_man_from_help(FILE *out, const cli_spec *spec)
{
    (void)spec;
    cli_gen_man_from_help(out, man_from_help_index);
}

void cli_gen_man_from_help(FILE *out, size_t i)
{
    const char *name = cli_command_name(i);
    char up[64];
    upper(up, sizeof up, name);
    fprintf(out, ".\\\" Generated by statecraft --generate-man from the command's --help; do not "
                 "edit.\n");
    fprintf(out, ".TH STATECRAFT-%s 1 \"\" \"statecraft %s\" \"statecraft manual\"\n", up,
            sc_version());
    fputs(".SH NAME\nstatecraft\\-", out);
    roff_puts(out, name);
    fputs(" \\- ", out);
    roff_puts(out, cli_command_summary(i));
    /* the usage lines (up to the first blank line) are the synopsis, the rest the description */
    char *help = cli_command_help(i);
    const char *text = help ? help : "";
    const char *cut = strstr(text, "\n\n");
    size_t syn = cut ? (size_t)(cut - text) : strlen(text);
    const char *usage = strncmp(text, "usage: ", 7) == 0 ? text + 7 : text;
    fputs("\n.SH SYNOPSIS\n.nf\n", out);
    roff_text(out, usage, syn - (size_t)(usage - text));
    fputs("\n.fi\n", out);
    if (cut) {
        fputs(".SH DESCRIPTION\n.nf\n", out);
        roff_puts(out, cut + 2);
        fputs("\n.fi\n", out);
    }
    free(help);
    roff_common_tail(out);
    fputs(".SH SEE ALSO\n\\fBstatecraft\\fR(1)\n", out);
}

static int complete_names(const char *kind, const char *file)
{
    if (strcmp(kind, "model") == 0) {
        for (size_t i = 0; i < sc_run_model_count(); i++) {
            printf("%s\n", sc_run_model_name(i));
        }
        return SC_EXIT_OK;
    }
    sc_diag diag;
    sc_diag_init(&diag);
    sc_scenario *s = NULL;
    if ((file ? sc_scenario_load(file, &s, &diag) : sc_scenario_builtin(&s, &diag)) != SC_OK) {
        return SC_EXIT_USAGE; /* nothing to offer; the error is for the command itself to say */
    }
    if (strcmp(kind, "actor") == 0) {
        for (size_t i = 0; i < sc_scenario_actor_count(s); i++) {
            printf("%s\n", sc_scenario_actor(s, i)->id);
        }
    } else if (strcmp(kind, "issue") == 0) {
        for (size_t i = 0; i < sc_scenario_issue_count(s); i++) {
            printf("%s\n", sc_scenario_issue(s, i)->id);
        }
    } else if (strcmp(kind, "variant") == 0) {
        for (size_t i = 0; i < sc_scenario_variant_count(s); i++) {
            printf("%s\n", sc_scenario_variant(s, i)->name);
        }
    }
    sc_scenario_free(s);
    return SC_EXIT_OK;
}

int cli_gen_main(int argc, char **argv)
{
    if (strcmp(argv[0], "--complete-names") == 0) {
        if (argc < 2 || argc > 3) {
            fprintf(stderr, "usage: statecraft --complete-names actor|issue|variant|model [FILE]\n");
            return SC_EXIT_USAGE;
        }
        return complete_names(argv[1], argc == 3 ? argv[2] : NULL);
    }
    if (argc != 2) {
        fprintf(stderr, "usage: statecraft %s %s\n", argv[0],
                strcmp(argv[0], "--generate-man") == 0 ? "DIR" : "FILE");
        return SC_EXIT_USAGE;
    }
    if (strcmp(argv[0], "--generate-completion") == 0) {
        return write_generated(argv[1], gen_completion, NULL);
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/statecraft.1", argv[1]);
    int rc = write_generated(path, gen_top, NULL);
    for (size_t i = 0; rc == SC_EXIT_OK && i < cli_spec_count(); i++) {
        const cli_spec *s = cli_spec_at(i);
        snprintf(path, sizeof path, "%s/statecraft-%s.1", argv[1], cli_command_name(i));
        if (s) {
            rc = write_generated(path, cli_gen_man, s);
        } else {
            man_from_help_index = i;
            rc = write_generated(path, gen_man_from_help, NULL);
        }
    }
    return rc;
}
