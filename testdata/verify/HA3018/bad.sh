pcs resource create web systemd:nginx # want HA3018
