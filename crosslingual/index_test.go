package crosslingual_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/crosslingual"
	"github.com/neardup/neardup/internal/pgtest"
)

// texts is an Index's Texts held in a map.
type texts map[string]string

func (m texts) Text(id string) (string, error) {
	t, ok := m[id]
	if !ok {
		return "", fmt.Errorf("no %q", id)
	}
	return t, nil
}

// distractors are Arabic stories sharing some words, places or numbers
// with the wire story, none a translation of it.
var distractors = []string{
	otherArabic,
	"قال مسؤولون في باكستان إن الحكومة ستعقد اجتماعا الاثنين لبحث الميزانية، وإن 23 وزيرا سيحضرون.",
	"ضربت عاصفة رملية شمال السعودية يوم الخميس، وأغلقت الطرق أمام 1500 سيارة.",
	"أعلنت وزارة الصحة عن افتتاح مستشفى جديد في الرياض يضم 200 سرير.",
}

func TestIndexQuery(t *testing.T) {
	m := texts{"wire": wireArabic}
	for k, d := range distractors {
		m[fmt.Sprintf("d%d", k)] = d
	}
	x := crosslingual.NewIndex(m, crosslingual.Options{Lexicon: testLexicon(t)})
	for _, id := range []string{"d0", "wire", "d1", "d2", "d3"} {
		require.NoError(t, x.Add(id, m[id]))
	}
	assert.Equal(t, 5, x.Len())
	assert.ErrorIs(t, x.Add("wire", wireArabic), crosslingual.ErrDuplicateID)

	ms, err := x.Query(wireEnglish)
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	assert.Equal(t, "wire", ms[0].ID)
	assert.Equal(t, compare.Translation, ms[0].Report.Verdict)
	assert.Positive(t, ms[0].Score)
	// A is the stored Arabic document, B the query.
	p := ms[0].Report.Passages[1]
	assert.True(t, strings.HasPrefix(wireArabic[p.A.Start:p.A.End], "تسببت"))
	assert.True(t, strings.HasPrefix(wireEnglish[p.B.Start:p.B.End], "Heavy rain"))
	for _, m := range ms[1:] {
		assert.NotEqual(t, compare.Translation, m.Report.Verdict, m.ID)
	}

	assert.True(t, x.Remove("wire"))
	assert.False(t, x.Remove("wire"))
	ms, err = x.Query(wireEnglish)
	require.NoError(t, err)
	for _, m := range ms {
		assert.NotEqual(t, "wire", m.ID)
	}
	_, err = x.Query(wireArabic)
	assert.ErrorIs(t, err, crosslingual.ErrNotEnglish)
}

// The index beside a corpus reads the stored documents through the
// corpus's API, and their texts back from it.
// The Index is built through the Corpus's public API, so a corpus in
// PostgreSQL serves as the embedded one does.
func TestIndexCorpus(t *testing.T) {
	t.Run("embedded", func(t *testing.T) {
		c := neardup.NewCorpus(neardup.Default)
		defer c.Close()
		testIndexCorpus(t, c)
	})
	t.Run("postgres", func(t *testing.T) {
		c, err := neardup.Open(pgtest.URL(t), neardup.Default)
		require.NoError(t, err)
		defer c.Close()
		testIndexCorpus(t, c)
	})
}

func testIndexCorpus(t *testing.T, c *neardup.Corpus) {
	docs := []neardup.Document{{ID: "wire", Text: wireArabic}}
	for k, d := range distractors {
		docs = append(docs, neardup.Document{ID: fmt.Sprintf("d%d", k), Text: d})
	}
	require.NoError(t, c.AddBatch(docs))
	x, err := crosslingual.IndexCorpus(c, crosslingual.Options{Lexicon: testLexicon(t)})
	require.NoError(t, err)
	assert.Equal(t, len(docs), x.Len())
	ms, err := x.Query(wireEnglish)
	require.NoError(t, err)
	require.NotEmpty(t, ms)
	assert.Equal(t, "wire", ms[0].ID)

	err = x.AddBatch([]neardup.Document{{ID: "wire", Text: wireArabic}, {ID: "new", Text: otherArabic}})
	var de *neardup.DocumentError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "wire", de.ID)
	assert.Equal(t, len(docs)+1, x.Len(), "the other document is added")
}
