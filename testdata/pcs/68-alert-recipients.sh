pcs alert create path=/usr/share/pacemaker/alerts/alert_smtp.sh id=mail description="mail admins" options email_sender=ha@example.com meta timeout=20s
pcs alert recipient add mail value=ops@example.com id=ops
pcs alert recipient add mail value=dba@example.com id=dba options x=1
