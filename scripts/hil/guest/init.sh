#!/bin/bash
# PID 1 of the hardware-in-the-loop guest (docs/hil.md): mounts the pseudo file systems, starts
# udevd (usb@3's hotplug listens on udev's netlink group, not the kernel's), loads the gadget and
# HID modules, runs the guest test program and reports through isa-debug-exit: QEMU exits 1 when
# the guest writes 0 (pass), 3 when it writes 1 (fail).
export PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
echo "HIL-INIT uptime=$(cut -d' ' -f1 /proc/uptime)s kernel=$(uname -r)"

finish() { # $1: 0 pass, 1 fail
  echo "HIL-RESULT: $([ "$1" -eq 0 ] && echo PASS || echo FAIL) uptime=$(cut -d' ' -f1 /proc/uptime)s"
  printf "\\x$(printf %02x "$1")" | dd of=/dev/port bs=1 seek=244 count=1 conv=notrunc status=none
  echo o >/proc/sysrq-trigger # only reached without isa-debug-exit: power off (run.sh counts it as a failure)
  sleep 10
}
trap 'finish 1' ERR

/lib/systemd/systemd-udevd --daemon
udevadm trigger --action=add
udevadm settle --timeout=10
modprobe configfs && mount -t configfs none /sys/kernel/config
modprobe dummy_hcd num=2
modprobe -a libcomposite usb_f_hid usb_f_ss_lb usbhid hid_generic
echo "HIL-MODULES uptime=$(cut -d' ' -f1 /proc/uptime)s"

trap - ERR
cd /pd
node test/hil/guest.cjs
finish $([ $? -eq 0 ] && echo 0 || echo 1)
