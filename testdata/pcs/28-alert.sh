pcs alert create path=/usr/share/pacemaker/alerts/alert_file.sh.sample id=file-alert \
    description="log to file" options debug_exec_order=false meta timeout=15s
pcs alert recipient add file-alert value=/var/log/pcmk-alerts.log id=file-rcpt
pcs alert create path=/usr/local/bin/notify.sh
pcs alert recipient add alert value=ops@example.com
pcs alert recipient add alert value=dev@example.com options x=1
