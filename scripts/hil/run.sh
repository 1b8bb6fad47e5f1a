#!/usr/bin/env bash
# The hardware-in-the-loop tier (docs/hil.md): boots Debian's kernel in QEMU with the cached base
# (build-base.sh) and this run's layer (build-layer.sh), where the native layer meets a real kernel
# USB stack through USB gadgets on dummy_hcd. Prints the guest's per-check lines and ends with
# "HIL: N passed, N failed" (exit 0 only when nothing failed) or "HIL: skipped — <reason>" (exit 0).
# The serial log is kept in test-results/hil/serial.log.
#   HIL_ACCEL=auto|tcg|kvm   auto: KVM when /dev/kvm is a real KVM and a boot reaches init within
#                            30 s, else TCG (these machines: /dev/kvm is PVM, so TCG at once)
#   HIL_TIMEOUT=seconds      whole guest run (default 300)
#   HIL_MACHINE=pc|microvm   QEMU machine (default pc, see boot())
#   HIL_KERNEL_ARGS          default "quiet"; e.g. "printk.time=1" to see the kernel log
set -uo pipefail
cd "$(dirname "$0")/../.."
skip() { echo "HIL: skipped — $*"; exit 0; }
verdict() { echo "HIL: $1 passed, $2 failed"; [ "$2" -eq 0 ]; exit $?; }
[ "$(uname -s)" = Linux ] || skip "not Linux (the guest is a Linux kernel under QEMU)"
[ "$(uname -m)" = x86_64 ] || skip "not x86-64"
[ "$(id -u)" -eq 0 ] || skip "not root (the guest base is built with debootstrap and chroot)"

RESULTS=test-results/hil
RUN=.cache/hil/run
LOG=$RESULTS/serial.log
mkdir -p "$RESULTS" "$RUN"
rm -f "$LOG"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

t0=$(now)
bash scripts/hil/build-base.sh >"$RESULTS/build-base.log" 2>&1; rc=$?
grep -v '^HIL-' "$RESULTS/build-base.log"
if [ $rc -eq 77 ]; then skip "$(sed -n 's/^HIL-SKIP: //p' "$RESULTS/build-base.log")"; fi
if [ $rc -ne 0 ]; then echo "!! HIL guest base build failed (exit $rc, $RESULTS/build-base.log)"; verdict 0 1; fi
BASE=$(sed -n 's/^HIL-BASE //p' "$RESULTS/build-base.log" | tail -1)
echo "hil: base $(secs "$t0") s (kernel $(sed -n 's/^kernel=//p' "$BASE/manifest"))"
command -v qemu-system-x86_64 >/dev/null || skip "qemu-system-x86_64 is not installed"

t1=$(now)
bash scripts/hil/build-layer.sh "$RUN" || { echo "!! HIL layer build failed"; verdict 0 1; }
cat "$BASE/base.cpio.zst" "$RUN/app.cpio.zst" >"$RUN/initrd.zst"
echo "hil: layer $(secs "$t1") s ($(du -h "$RUN/app.cpio.zst" | cut -f1))"

# Starts QEMU in the background (accel → $qemu_pid). The pc machine, not microvm: microvm boots ~6 s
# faster, but it has no HPET or PM timer, and on a loaded TCG host its PIT-based TSC calibration can
# fail, after which the kernel hangs at boot.
boot() {
  local cpu=()
  [ "$1" = kvm ] && cpu=(-cpu host)
  rm -f "$LOG"
  qemu-system-x86_64 -M "${HIL_MACHINE:-pc}" -accel "$1" "${cpu[@]}" -m 1024 -smp 2 -nodefaults -display none \
    -no-reboot -monitor none -serial "file:$LOG" -kernel "$BASE/vmlinuz" -initrd "$RUN/initrd.zst" \
    -append "console=ttyS0 rdinit=/hil/init.sh panic=-1 ${HIL_KERNEL_ARGS:-quiet}" \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 2>"$RESULTS/qemu.stderr" &
  qemu_pid=$!
}
# Waits for QEMU with a time limit → its exit code (1 pass, 3 fail), 124 when the limit ran out.
# With a second argument, gives up early (125) when the guest has not reached init by then.
await_qemu() {
  local limit=$1 init_by=${2:-0} start=$SECONDS
  while kill -0 "$qemu_pid" 2>/dev/null; do
    if [ $((SECONDS - start)) -ge "$limit" ]; then kill "$qemu_pid"; wait "$qemu_pid" 2>/dev/null; return 124; fi
    if [ "$init_by" -gt 0 ] && [ $((SECONDS - start)) -ge "$init_by" ] && ! grep -q '^HIL-INIT' "$LOG" 2>/dev/null; then
      kill "$qemu_pid"; wait "$qemu_pid" 2>/dev/null; return 125
    fi
    sleep 0.2
  done
  wait "$qemu_pid" 2>/dev/null
}
trap '[ -n "${qemu_pid:-}" ] && kill "$qemu_pid" 2>/dev/null' EXIT

limit=${HIL_TIMEOUT:-300}
accel=${HIL_ACCEL:-auto}; why=""
if [ "$accel" = auto ]; then
  if [ -d /sys/module/kvm_pvm ]; then accel=tcg; why="/dev/kvm is PVM (kvm_pvm), which runs only PVM-enabled guest kernels"
  elif [ -w /dev/kvm ]; then accel=kvm-try
  else accel=tcg; why="no usable /dev/kvm"; fi
fi
t2=$(now)
if [ "$accel" = kvm-try ] || [ "$accel" = kvm ]; then
  boot kvm; await_qemu "$limit" 30; rc=$?
  if [ "$accel" = kvm-try ] && ! grep -q '^HIL-INIT' "$LOG" 2>/dev/null; then
    why="a KVM boot did not reach init (exit $rc: $(head -c 200 "$RESULTS/qemu.stderr" | tr '\n' ' '))"
    accel=tcg; t2=$(now); boot tcg; await_qemu "$limit"; rc=$?
  else accel=kvm; fi
else
  boot "$accel"; await_qemu "$limit"; rc=$?
fi
echo "hil: guest ran under ${accel^^}${why:+ ($why)}: $(secs "$t2") s, QEMU exit $rc"

grep -aE '^(HIL ok|HIL FAIL|HIL-FIGURE)' "$LOG" 2>/dev/null | tr -d '\r'
summary=$(grep -a '^HIL-SUMMARY:' "$LOG" 2>/dev/null | tr -d '\r' | tail -1)
if [ -n "$summary" ]; then
  passed=$(sed -n 's/.* \([0-9]*\) passed.*/\1/p' <<<"$summary")
  failed=$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' <<<"$summary")
else # the guest did not get to its summary: count the checks it finished
  passed=$(grep -ac '^HIL ok' "$LOG" 2>/dev/null); failed=$(grep -ac '^HIL FAIL' "$LOG" 2>/dev/null)
fi
passed=${passed:-0}; failed=${failed:-0}
case $rc in
  1) [ -n "$summary" ] && [ "$passed" -gt 0 ] || { echo "!! the guest reported a pass without a summary"; failed=$((failed + 1)); } ;;
  3) [ "$failed" -gt 0 ] || { echo "!! the guest failed outside the checks (see $LOG)"; failed=$((failed + 1)); } ;;
  124) echo "!! guest hung: no result within ${limit} s (see $LOG)"; failed=$((failed + 1)) ;;
  *) echo "!! QEMU exit $rc (see $LOG, $RESULTS/qemu.stderr)"; failed=$((failed + 1)) ;;
esac
echo "hil: total $(secs "$t0") s, serial log $LOG"
verdict "$passed" "$failed"
