package neardup

import (
	"fmt"
	"strings"
)

// stampDiff lists the settings in which two configuration stamps differ,
// as "name: store X, now Y" joined by "; ", or "" if none does (the probe
// hash aside, which stampError reads on its own). A stamp is a list of
// name=value words, rules={A:true B:false ...} giving one setting per
// rule: two 300-character stamps compared by eye hide the one word that
// differs.
func stampDiff(old, now string) string {
	o, n := stampSettings(old), stampSettings(now)
	var diffs []string
	for _, name := range n.names {
		if name == "probe" {
			continue
		}
		ov, ok := o.values[name]
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("%s: not in the store's stamp, now %s", name, n.values[name]))
		case ov != n.values[name]:
			diffs = append(diffs, fmt.Sprintf("%s: store %s, now %s", name, ov, n.values[name]))
		}
	}
	for _, name := range o.names {
		if _, ok := n.values[name]; !ok && name != "probe" {
			diffs = append(diffs, fmt.Sprintf("%s: store %s, not a setting now", name, o.values[name]))
		}
	}
	return strings.Join(diffs, "; ")
}

// settingsOfStamp is a stamp's settings, by name, and their names in order.
type settingsOfStamp struct {
	names  []string
	values map[string]string
}

// stampSettings reads a stamp such as
// "neardup-corpus/1 rules={Compat:true Case:false} keepDebris=false shingle=4".
// Words without "=" (the version) are left out; each rule of rules={...}
// is a setting "rules.Name".
func stampSettings(stamp string) settingsOfStamp {
	s := settingsOfStamp{values: map[string]string{}}
	add := func(name, value string) {
		if _, ok := s.values[name]; !ok {
			s.names = append(s.names, name)
		}
		s.values[name] = value
	}
	prefix := ""
	for word := range strings.FieldsSeq(stamp) {
		if name, value, ok := strings.Cut(word, "={"); ok {
			prefix, word = name+".", value
		}
		closing := strings.HasSuffix(word, "}")
		word = strings.TrimSuffix(word, "}")
		if prefix != "" {
			if name, value, ok := strings.Cut(word, ":"); ok {
				add(prefix+name, value)
			}
		} else if name, value, ok := strings.Cut(word, "="); ok {
			add(name, value)
		}
		if closing {
			prefix = ""
		}
	}
	return s
}
