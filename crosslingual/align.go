package crosslingual

import "math"

// Alignment: the sentences of the English text and of the Arabic one,
// in order, paired one to one, two to one, one to two or two to two
// (a translator joins and splits sentences but keeps their order), or
// left out, by dynamic programming over the evidence grid (Gale and
// Church's scheme, with anchors for the lengths' part of the
// evidence). A group of sentences scores its anchor similarity, less
// the least similarity that counts (Options.MinSimilarity), less a
// penalty for lengths out of the usual ratio and for grouping; leaving
// a sentence out scores zero. So only groups whose anchors say more
// than chance are aligned, and the best chain of them is found.

// bead is a group of aligned sentences: English [i0, i1), Arabic
// [j0, j1), and their similarity.
type bead struct {
	i0, i1, j0, j1 int
	sim            float64
}

// moves are the bead shapes tried, English and Arabic sentences.
var moves = [...][2]int{{1, 1}, {2, 1}, {1, 2}, {2, 2}, {3, 1}, {1, 3}}

// similarity returns the anchor similarity of a group: the weight of
// the items matched on both sides over the weight of all, with
// smoothing so that a short sentence with one anchor in common is not a
// certainty.
func (g *grid) similarity(i0, i1, j0, j1 int) float64 {
	var mE, mA, nA, wE, wA float32
	for i := i0; i < i1; i++ {
		var m float32
		for j := j0; j < j1; j++ {
			m += g.matchE[i*g.na+j]
		}
		mE += min(m, g.weightE[i])
		wE += g.weightE[i]
	}
	for j := j0; j < j1; j++ {
		var m, names float32
		for i := i0; i < i1; i++ {
			m += g.matchA[i*g.na+j]
			names += g.nameA[i*g.na+j]
		}
		mA += min(m, g.weightA[j]+names)
		nA += names
		wA += g.weightA[j]
	}
	return float64(mE+mA) / float64(wE+wA+nA+similaritySmoothing)
}

// similaritySmoothing is added to the weight of every group: a pair of
// sentences sharing one anchor of weight 1 out of one on each side
// scores 2/4, not 1.
const similaritySmoothing = 2

// lengthDeviation returns how far the lengths of a group are from the
// usual ratio of Arabic to English, as |log| of their ratio to it.
func (g *grid) lengthDeviation(i0, i1, j0, j1 int) float64 {
	var le, la float32
	for i := i0; i < i1; i++ {
		le += g.lenE[i]
	}
	for j := j0; j < j1; j++ {
		la += g.lenA[j]
	}
	return math.Abs(math.Log(float64(la+lengthSlack)/float64(le+lengthSlack)) - math.Log(arabicRatio))
}

// arabicRatio is the usual length of an Arabic translation over its
// English original, in folded runes; lengthSlack keeps short sentences
// from being judged by their lengths.
const (
	arabicRatio = 0.9
	lengthSlack = 20
)

// align returns the best chain of beads of the grid.
func (g *grid) align(o params) []bead {
	ne, na := g.ne, g.na
	w := na + 1
	score := make([]float64, (ne+1)*w)
	from := make([]int8, (ne+1)*w) // move taken into the cell: -1 skip English, -2 skip Arabic
	sims := make([]float64, (ne+1)*w)
	for i := 0; i <= ne; i++ {
		for j := 0; j <= na; j++ {
			c := i*w + j
			if i == 0 && j == 0 {
				continue
			}
			best, how, sim := math.Inf(-1), int8(0), 0.0
			if i > 0 && score[c-w] > best {
				best, how = score[c-w], -1
			}
			if j > 0 && score[c-1] > best {
				best, how = score[c-1], -2
			}
			for k, m := range moves {
				if i < m[0] || j < m[1] {
					continue
				}
				s := g.similarity(i-m[0], i, j-m[1], j)
				if s < o.minSimilarity {
					continue
				}
				v := score[(i-m[0])*w+j-m[1]] + s - o.minSimilarity -
					o.lengthWeight*g.lengthDeviation(i-m[0], i, j-m[1], j) - groupPenalty*float64(m[0]+m[1]-2)
				if v > best {
					best, how, sim = v, int8(k), s
				}
			}
			score[c], from[c], sims[c] = best, how, sim
		}
	}
	var out []bead
	for i, j := ne, na; i > 0 || j > 0; {
		c := i*w + j
		switch how := from[c]; how {
		case -1:
			i--
		case -2:
			j--
		default:
			m := moves[how]
			out = append(out, bead{i - m[0], i, j - m[1], j, sims[c]})
			i, j = i-m[0], j-m[1]
		}
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

// groupPenalty is what each sentence beyond one a side costs a group:
// joining must earn its place against aligning one to one.
const groupPenalty = 0.05
