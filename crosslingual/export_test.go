package crosslingual

// Test hooks: what analysis found, in terms a test can compare.

// Item is an anchored item as tests see it: its folded text and the
// kinds of its anchors.
type Item struct {
	Text  string
	Kinds []Kind
}

// Items returns the items of d.
func (d *Doc) Items() []Item {
	var out []Item
	for _, it := range d.items {
		x := Item{Text: string(d.Text.Runes[it.pos:it.end])}
		for _, a := range d.anchors[it.first : it.first+it.n] {
			x.Kinds = append(x.Kinds, a.Kind())
		}
		out = append(out, x)
	}
	return out
}

// Anchors returns the anchors of d's item whose folded text is text.
func (d *Doc) Anchors(text string) []Anchor {
	for _, it := range d.items {
		if string(d.Text.Runes[it.pos:it.end]) == text {
			return d.anchors[it.first : it.first+it.n]
		}
	}
	return nil
}

// Sentences returns the folded texts of d's sentences.
func (d *Doc) Sentences() []string {
	var out []string
	for _, s := range d.sents {
		out = append(out, string(d.Text.Runes[s.pos:s.end]))
	}
	return out
}

// Numbers returns the values read from text, in language l.
func Numbers(l Lang, text string) []string {
	t, _ := foldPipeline.Fold(text)
	toks := tokenize(t, l)
	var out []string
	for i := 0; i < len(toks); {
		j, vs := readNumber(l, t.Src, toks, i, nil)
		if j == i {
			i++
			continue
		}
		out = append(out, vs...)
		i = j
	}
	return out
}

// NumberAnchor is the anchor of the canonical number v.
func NumberAnchor(v string) Anchor { return anchorOf(Number, v) }

// EnglishSkeletons and ArabicSkeletons return a folded word's name
// skeletons.
func EnglishSkeletons(w string) []string { return englishSkeletons(nil, w) }
func ArabicSkeleton(w string) string     { return string(appendArabicSkeleton(nil, []rune(w))) }
