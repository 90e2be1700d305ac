pcs resource create st ocf:pacemaker:Stateful promotable notify=true
pcs resource create st2 ocf:pacemaker:Stateful promotable st2-ms promoted-max=1
