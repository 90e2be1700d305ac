pcs resource frobnicate vip # want HA3006
