#!/usr/bin/env bash
# Fuzzes the portal's parsers and its registration endpoint with cargo-fuzz
# (libFuzzer), each target for SECONDS (default 60), and exits non-zero when
# any target crashes (a panic, an abort, a hang, a sanitizer report, a 5xx).
#
#   scripts/fuzz.sh [SECONDS]
#
# Targets (fuzz/fuzz_targets/): camt, csv, webhook, registration_form,
# registration_json, parsers. Pick some with FUZZ_TARGETS="camt csv".
#
# How it runs on the stable toolchain: cargo-fuzz passes nightly-only flags
# (-Zsanitizer=address and others), which stable rustc accepts when
# RUSTC_BOOTSTRAP=1 is set, as it is below. No nightly toolchain is needed.
# FUZZ_SANITIZER=none builds without AddressSanitizer (faster, still finds
# panics, overflows and hangs). FUZZ_TIMEOUT is the seconds one input may
# take before libFuzzer reports a hang (default 10).
#
# Corpus: fuzz/corpus/TARGET (kept between runs, out of git), seeded on every
# run; crashes: fuzz/artifacts/TARGET/; logs: fuzz/artifacts/TARGET.log.
# To replay a crash: RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-…
# (from fuzz/ or the repository root).
set -uo pipefail

SECONDS_PER_TARGET="${1:-60}"
if ! [[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] || [ "$SECONDS_PER_TARGET" -lt 1 ]; then
    echo "usage: $0 [SECONDS per target, default 60]" >&2
    exit 2
fi
SANITIZER="${FUZZ_SANITIZER:-address}"
TIMEOUT="${FUZZ_TIMEOUT:-10}"
TARGETS="${FUZZ_TARGETS:-camt csv webhook registration_form registration_json parsers}"
CARGO_FUZZ_VERSION="0.13.2"

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FUZZ="$ROOT/fuzz"
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked ||
        cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" || exit 1
fi

# ---- seeds ---------------------------------------------------------------
seed() { # TARGET NAME CONTENT
    mkdir -p "$FUZZ/corpus/$1"
    printf '%s' "$3" >"$FUZZ/corpus/$1/seed-$2"
}

mkdir -p "$FUZZ/corpus/camt"
for dir in "$ROOT/tests/fixtures/camt"; do
    [ -d "$dir" ] || continue
    for file in "$dir"/*.xml; do
        [ -f "$file" ] && cp "$file" "$FUZZ/corpus/camt/seed-$(basename "$file")"
    done
done

seed csv semicolon-header 'Buchungstag;Betrag;Währung;Verwendungszweck;Auftraggeber;Referenz
02.05.2024;1.234,56;EUR;RF18 5390 0754 7034;Kovinar d.o.o.;BANK-1
03.05.2024;-25,00;EUR;fee;Bank;BANK-2
'
seed csv comma-quoted 'date,amount,currency,reference,name,bank reference
2024-05-02,"1,234.56",EUR,"Payment RF18 5390 0754 7034, thanks","Novak, Ana",A#1
2024-05-03,25.00,EUR,,,A#2
'
seed csv bom-crlf $'\xef\xbb\xbf2024-05-02;25,00;EUR;RF18539007547034;Ana;X\r\n02/05/2024;1\'234.50;EUR;;;Y\r\n'

# The webhook target reads the header, a newline, then the body; the secret
# and the clock are those of fuzz_targets/webhook.rs.
WEBHOOK_BODY='{"id":"evt_fuzz","type":"checkout.session.completed","data":{"object":{"id":"cs_test_1","client_reference_id":"ord_1","payment_status":"paid"}}}'
WEBHOOK_SIGNATURE=999a8bb4e777337c6c6655143193edf10f0048870778b99062c3de757f0a1bdc
if command -v openssl >/dev/null 2>&1; then
    WEBHOOK_SIGNATURE="$(printf '%s' "1795000000.$WEBHOOK_BODY" |
        openssl dgst -sha256 -hmac whsec_fuzz_secret | sed 's/^.*= //')"
fi
seed webhook valid "t=1795000000,v1=$WEBHOOK_SIGNATURE
$WEBHOOK_BODY"
seed webhook rotated "t=1795000000,v0=00,v1=$WEBHOOK_SIGNATURE,v1=$(printf '0%.0s' {1..64})
$WEBHOOK_BODY"

seed registration_form valid 'serial=TS-12345-A&company_name=Kovinar+d.o.o.&street=Tr%C5%BEa%C5%A1ka+cesta+12&postal_code=1000&city=Ljubljana&country=SI&vat_id=SI12345678&contact_name=Ana+Novak&email=ana%40kovinar.example&phone=%2B386+1+234+5678&newsletter=on&accept_terms=on'
seed registration_form unknown-serial 'serial=0&company_name=K&street=S&postal_code=1000&city=L&country=AT&vat_id=&contact_name=A&email=a%40b.example&phone=0038612345678&accept_terms=on'
seed registration_json valid '{"serial":"TS-12345-A","company":{"name":"Kovinar d.o.o.","street":"Tržaška cesta 12","postal_code":"1000","city":"Ljubljana","country":"SI","vat_id":"SI12345678"},"contact":{"name":"Ana Novak","email":"ana@kovinar.example","phone":"+386 1 234 5678"},"newsletter":true,"accept_terms":true}'
seed registration_json unknown-serial '{"serial":"0","company":{"name":"K","street":"S","postal_code":"1000","city":"L","country":"AT","vat_id":null},"contact":{"name":"A","email":"a@b.example","phone":"0038612345678"},"newsletter":false,"accept_terms":true}'

seed parsers rf 'RF18 5390 0754 7034'
seed parsers rf-in-text 'Payment rf18 5390 0754 7034 thanks, RF13 W X'
seed parsers money '1234.25'
seed parsers email 'Ana.Novak@Kovinar.example'
seed parsers phone '+386 (1) 234-5678'
seed parsers serial 'ts-12345-a'
seed parsers unknown-serial '0'
seed parsers activation-code '1r57j-tx8ej-hf1km-762je-tmdwa'

# ---- build once, then run each target ---------------------------------------
cd "$FUZZ" || exit 1
echo "== building the fuzz targets (sanitizer: $SANITIZER)"
cargo fuzz build --sanitizer "$SANITIZER" || exit 1

failed=()
summary=()
for target in $TARGETS; do
    mkdir -p "corpus/$target" "artifacts/$target"
    dict=()
    [ -f "dicts/$target.dict" ] && dict=("-dict=dicts/$target.dict")
    log="artifacts/$target.log"
    echo "== $target: ${SECONDS_PER_TARGET}s (log: fuzz/$log)"
    cargo fuzz run --sanitizer "$SANITIZER" "$target" "corpus/$target" -- \
        -max_total_time="$SECONDS_PER_TARGET" -timeout="$TIMEOUT" \
        -print_final_stats=1 "${dict[@]}" >"$log" 2>&1
    status=$?
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
    if [ "$status" -eq 0 ]; then
        summary+=("$(printf '%-18s ok     %10s runs %8s exec/s' "$target" "${runs:-?}" "${speed:-?}")")
    else
        failed+=("$target")
        summary+=("$(printf '%-18s FAILED %10s runs %8s exec/s' "$target" "${runs:-?}" "${speed:-?}")")
        echo "-- $target failed (exit $status); the end of its log:"
        grep -E -m1 -A3 "panicked at|ERROR: (libFuzzer|AddressSanitizer)" "$log"
        grep -E "^(artifact_prefix|Test unit written to)" "$log"
        grep -E -A2 "^Base64:" "$log" | head -3
    fi
done

echo
echo "== summary (${SECONDS_PER_TARGET}s per target, sanitizer: $SANITIZER)"
printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "crashed: ${failed[*]} (inputs in fuzz/artifacts/TARGET/)"
    exit 1
fi
