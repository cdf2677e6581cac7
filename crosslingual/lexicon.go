package crosslingual

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/neardup/neardup/normalize"
)

// A Lexicon maps Arabic word stems to English word stems: what makes
// content words anchors. None ships with the module: the dictionaries
// that have one are under licences the module's Apache-2.0 cannot
// carry (MUSE, CC BY-NC 4.0; FreeDict, GPL-2+; Arabic WordNet, CC
// BY-SA 3.0), so a user builds the file from the ones they have with
// the neardup-lexicon command (crosslingual/cmd/neardup-lexicon) and
// points LexiconEnv, a flag or Options.Lexicon at it.
//
// The file is text: a header line, "neardup-lexicon 1 stem=N" (N is the
// stemming it was built with, stemVersion), lines starting with "#"
// (comments: the sources), and one line per Arabic stem: the stem
// (folded with normalize.Default, light-stemmed with shingle.Stem), a
// tab, and its English stems (folded, StemEnglish) separated by spaces.
type Lexicon struct {
	ar     map[uint64]int32 // Arabic stem, by hashRunes → its entry
	arStem []string         // entries: the Arabic stem
	arEn   [][]int32        // entries: its English stems, by number
	en     []string         // English stems by number
	enWord []Anchor         // their anchors
	enNum  map[string]int32
	pairs  int
	// toArabic maps each English stem, by number, to the keys of the
	// Arabic stems it is among the first maxTranslations of: the words
	// an Index looks up for it. Made on first use.
	toArabicOnce sync.Once
	toArabic     [][]uint64
}

// LexiconEnv is the environment variable naming the lexicon file that
// the dedupe command (and LoadLexiconEnv) load when no flag names one.
const LexiconEnv = "NEARDUP_LEXICON"

// stemVersion numbers the stemming a lexicon file was built with (of
// StemEnglish and shingle.Stem): a file of another one is refused.
const stemVersion = 1

// lexiconMagic starts a lexicon file.
const lexiconMagic = "neardup-lexicon 1"

// ErrNoLexicon is returned by LoadLexiconEnv when LexiconEnv is unset.
var ErrNoLexicon = errors.New("crosslingual: no lexicon: build one with 'go run github.com/neardup/neardup/crosslingual/cmd/neardup-lexicon' (see its -h) and name it with " + LexiconEnv + " or --lexicon")

// maxLexiconLine bounds a line of a lexicon file.
const maxLexiconLine = 1 << 16

// LexiconError is a problem with a lexicon file, at a line (0: the file
// as a whole).
type LexiconError struct {
	Path string
	Line int
	Msg  string
}

func (e *LexiconError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("crosslingual: lexicon %s: %s", e.Path, e.Msg)
	}
	return fmt.Sprintf("crosslingual: lexicon %s:%d: %s", e.Path, e.Line, e.Msg)
}

// LoadLexicon reads the lexicon file at path.
func LoadLexicon(path string) (*Lexicon, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("crosslingual: lexicon: %w (build one with neardup-lexicon)", err)
	}
	defer f.Close()
	l, err := ReadLexicon(f)
	var le *LexiconError
	if errors.As(err, &le) {
		le.Path = path
	}
	return l, err
}

// LoadLexiconEnv loads the lexicon named by LexiconEnv, or returns
// ErrNoLexicon if it is unset or empty.
func LoadLexiconEnv() (*Lexicon, error) {
	path := os.Getenv(LexiconEnv)
	if path == "" {
		return nil, ErrNoLexicon
	}
	return LoadLexicon(path)
}

// ReadLexicon reads a lexicon file from r. Errors are *LexiconError,
// naming the line.
func ReadLexicon(r io.Reader) (*Lexicon, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, maxLexiconLine)
	l := newLexicon()
	n := 0
	fail := func(format string, args ...any) (*Lexicon, error) {
		return nil, &LexiconError{Path: "(input)", Line: n, Msg: fmt.Sprintf(format, args...)}
	}
	for sc.Scan() {
		n++
		line := sc.Text()
		if n == 1 {
			if !strings.HasPrefix(line, lexiconMagic+" ") {
				return fail("not a lexicon file (it starts %q)", cut(line, 40))
			}
			if want := fmt.Sprintf("%s stem=%d", lexiconMagic, stemVersion); line != want {
				return fail("built with other stemming (%q, want %q): build it again with this version's neardup-lexicon", line, want)
			}
			continue
		}
		if line == "" || line[0] == '#' {
			continue
		}
		ar, ens, ok := strings.Cut(line, "\t")
		switch {
		case !ok:
			return fail("no tab between the Arabic stem and its English stems")
		case !isArabicStem(ar):
			return fail("%q is not a folded Arabic stem", cut(ar, 40))
		}
		if _, dup := l.ar[hashString(ar)]; dup {
			return fail("Arabic stem %q twice", ar)
		}
		for _, e := range strings.Split(ens, " ") {
			if !isEnglishStem(e) {
				return fail("%q is not an English stem (lower-case letters and digits)", cut(e, 40))
			}
			l.add(ar, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &LexiconError{Path: "(input)", Line: n + 1, Msg: err.Error()}
	}
	if n == 0 {
		return fail("empty file")
	}
	return l, nil
}

func cut(s string, n int) string {
	if len(s) > n {
		return strings.ToValidUTF8(s[:n], "") + "…"
	}
	return s
}

func newLexicon() *Lexicon { return &Lexicon{ar: map[uint64]int32{}, enNum: map[string]int32{}} }

// NewLexicon returns an empty lexicon, to fill with AddPair.
func NewLexicon() *Lexicon { return newLexicon() }

// AddPair adds an English word and its Arabic translation, as a
// dictionary writes them: each is folded and stemmed as text is. It
// reports whether the pair was taken: a phrase on either side, a
// function word, or a word of other letters is not.
func (l *Lexicon) AddPair(english, arabic string) bool {
	en := shingleFields(normalize.Default.String(english))
	ar := shingleFields(normalize.Default.String(arabic))
	if len(en) != 1 || len(ar) != 1 || englishStop[en[0]] || arabicStop[ar[0]] || !isEnglishStem(en[0]) {
		return false
	}
	e := StemEnglish(en[0])
	a := string(shingleStem(ar[0]))
	if len(e) < 2 || len([]rune(a)) < 2 || !isArabicStem(a) {
		return false
	}
	l.add(a, e)
	return true
}

// add adds the pair of stems, once.
func (l *Lexicon) add(ar, en string) {
	k, ok := l.enNum[en]
	if !ok {
		k = int32(len(l.en))
		l.en = append(l.en, en)
		l.enWord = append(l.enWord, anchorOf(Word, en))
		l.enNum[en] = k
	}
	h := hashString(ar)
	a, ok := l.ar[h]
	if !ok {
		a = int32(len(l.arStem))
		l.arStem = append(l.arStem, ar)
		l.arEn = append(l.arEn, nil)
		l.ar[h] = a
	}
	if !slices.Contains(l.arEn[a], k) {
		l.arEn[a] = append(l.arEn[a], k)
		l.pairs++
	}
}

// isArabicStem reports whether s is a stem as a lexicon file holds it:
// Arabic letters, folded.
func isArabicStem(s string) bool {
	if s == "" || normalize.Default.String(s) != s {
		return false
	}
	for _, r := range s {
		if !isArabic(r) {
			return false
		}
	}
	return true
}

// isEnglishStem reports whether s is an English stem as a lexicon file
// holds it.
func isEnglishStem(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// Len returns the number of (Arabic stem, English stem) pairs.
func (l *Lexicon) Len() int { return l.pairs }

// Encode writes the lexicon in its file format, Arabic stems sorted,
// after comments (one a line, e.g. the sources).
func (l *Lexicon) Encode(w io.Writer, comments ...string) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "%s stem=%d\n", lexiconMagic, stemVersion)
	for _, c := range comments {
		fmt.Fprintf(b, "# %s\n", strings.ReplaceAll(c, "\n", " "))
	}
	order := make([]int32, len(l.arStem))
	for k := range order {
		order[k] = int32(k)
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(l.arStem[x], l.arStem[y]) })
	for _, k := range order {
		b.WriteString(l.arStem[k])
		for i, e := range l.arEn[k] {
			sep := byte(' ')
			if i == 0 {
				sep = '\t'
			}
			b.WriteByte(sep)
			b.WriteString(l.en[e])
		}
		b.WriteByte('\n')
	}
	return b.Flush()
}

// arabicKeys returns the keys of the Arabic stems that translate the
// English stem numbered e (as analysis reads them: e among their first
// maxTranslations English stems).
func (l *Lexicon) arabicKeys(e int32) []uint64 {
	l.toArabicOnce.Do(func() {
		l.toArabic = make([][]uint64, len(l.en))
		for h, a := range l.ar {
			ens := l.arEn[a]
			for _, k := range ens[:min(len(ens), maxTranslations)] {
				l.toArabic[k] = append(l.toArabic[k], stemKey(h))
			}
		}
		for _, ks := range l.toArabic {
			slices.Sort(ks)
		}
	})
	if e < 0 || int(e) >= len(l.toArabic) {
		return nil
	}
	return l.toArabic[e]
}

// stemKey is the key an Index files an Arabic stem (by hashRunes) under:
// its hash with a top byte no kind of anchor has, so that it never
// meets an anchor.
func stemKey(h uint64) uint64 { return h&(1<<56-1) | 0xFF<<56 }

// translations returns the English stems, by number, of the first of
// the stems (hashes, 0 for none) the lexicon has, at most
// maxTranslations, and that stem's hash.
func (l *Lexicon) translations(stems *[maxStems]uint64) ([]int32, uint64) {
	for _, h := range stems {
		if h == 0 {
			break
		}
		if a, ok := l.ar[h]; ok {
			ens := l.arEn[a]
			return ens[:min(len(ens), maxTranslations)], h
		}
	}
	return nil, 0
}
