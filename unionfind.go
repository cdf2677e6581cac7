package neardup

import (
	"maps"
	"slices"
)

// unionFind joins document numbers into groups; the zero value is empty.
type unionFind struct {
	parent map[uint32]uint32
}

func (u *unionFind) find(x uint32) uint32 {
	for {
		p, ok := u.parent[x]
		if !ok || p == x {
			return x
		}
		if gp, ok := u.parent[p]; ok {
			u.parent[x] = gp // path halving
		}
		x = p
	}
}

// union joins the groups of a and b; the smaller number is the root, so
// a group's root is its first member.
func (u *unionFind) union(a, b uint32) {
	if u.parent == nil {
		u.parent = map[uint32]uint32{}
	}
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	root := min(ra, rb)
	u.parent[max(ra, rb)] = root
	if _, ok := u.parent[root]; !ok {
		u.parent[root] = root
	}
}

// groups returns the groups of two or more, each in increasing order,
// ordered by their first member.
func (u *unionFind) groups() [][]uint32 {
	byRoot := map[uint32][]uint32{}
	for n := range u.parent {
		r := u.find(n)
		byRoot[r] = append(byRoot[r], n)
	}
	var out [][]uint32
	for _, r := range slices.Sorted(maps.Keys(byRoot)) {
		g := byRoot[r]
		if len(g) < 2 {
			continue
		}
		slices.Sort(g)
		out = append(out, g)
	}
	return out
}
