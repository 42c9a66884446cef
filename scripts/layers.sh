#!/bin/bash
# layers.sh: the include rules of cgi/ (docs/layout.md). Every source file sits
# in a folder, names its own headers as "folder/file.h", and includes only from
# the folders its own folder may use. The Makefile runs it before linking: a
# violation fails the build, with one line per offending include.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT/cgi" || exit 1

# folder: the folders it may include from (besides itself). Read top-down:
# a folder uses only folders above it; nothing includes server/ and only cli/
# includes cli/ (the admin tool's code is never in mogamid).
declare -A MAY=(
	[base]=""
	[pki]="base"
	[db]="base"
	[audit]="base pki db"
	[web]="base pki db audit"
	[rules]="base pki db audit web"
	[import]="base pki db audit web"
	[pages]="base pki db audit web rules import"
	[server]="base pki db audit web rules import pages"
	[cli]="base pki db audit web rules import"
)

bad=0
say() { echo "layers: $*" >&2; bad=1; }

for f in *; do
	[ -d "$f" ] || { say "cgi/$f: every file belongs in a folder"; continue; }
	[ -n "${MAY[$f]+x}" ] || say "cgi/$f/: a folder with no rule in scripts/layers.sh"
done
for f in */*; do
	case $f in *.c|*.h) ;; *) say "cgi/$f: not a C source or header" ;; esac
done
# FILE:LINE:#include "X" for every quoted include, read once.
while IFS=: read -r f n line; do
	dir=${f%%/*}
	[ -n "${MAY[$dir]+x}" ] || continue
	[[ $line =~ \"([^\"]*)\" ]] || continue
	inc=${BASH_REMATCH[1]}
	if [[ $inc != */* ]]; then
		say "cgi/$f:$n: \"$inc\" names no folder (write \"folder/$inc\")"
		continue
	fi
	to=${inc%%/*}
	[ -f "$inc" ] || { say "cgi/$f:$n: \"$inc\" does not exist"; continue; }
	[ "$to" = "$dir" ] && continue
	case " ${MAY[$dir]} " in
	*" $to "*) ;;
	*) say "cgi/$f:$n: $dir/ may not include $inc (allowed: ${MAY[$dir]:-none})" ;;
	esac
done < <(grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' -- */*.[ch])
exit $bad
