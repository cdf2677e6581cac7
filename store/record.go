package store

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"

	"github.com/neardup/neardup/simhash"
)

// Encoding of the values of a bbolt store (format 2), little-endian.
// Every value ends with a checksum (seal), so that damage anywhere in
// a value, or a value read under another key or from another bucket,
// is an error rather than a different document. A record is
//
//	flags   1 byte (bit 0: HasFingerprint; the others must be 0)
//	fp      8 bytes
//	digest  16 bytes (Record.Digest)
//	idLen   uvarint, then the ID's bytes
//
// The number is the key, not part of the value. Marks are stored apart,
// 8 bytes each (appendMarks), so that loading IDs and fingerprints does
// not read them; texts as they are.
const flagFingerprint = 1

// recordHead is the size of a record before its ID's length.
const recordHead = 1 + 8 + len(Digest{})

// castagnoli is the CRC-32C table: the checksum of iSCSI and ext4,
// computed by one instruction per 8 bytes on amd64 and arm64, so that
// checking every text read costs next to nothing.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// sumLen is the length of a value's checksum.
const sumLen = 4

// checksum is the CRC-32C of tag, k and v: tag names the bucket, so that
// a value that a damaged tree shows in another bucket fails its check.
func checksum(tag, k, v []byte) uint32 {
	return crc32.Update(crc32.Update(crc32.Checksum(tag, castagnoli), castagnoli, k), castagnoli, v)
}

// seal appends to v the checksum of tag, k and v.
func seal(tag, k, v []byte) []byte {
	return binary.LittleEndian.AppendUint32(v, checksum(tag, k, v))
}

// unseal returns the payload of v, stored under k in the bucket named
// tag, or an error wrapping ErrCorrupt if its checksum does not match.
// The payload is v's own memory.
func unseal(tag, k, v []byte) ([]byte, error) {
	if len(v) < sumLen {
		return nil, fmt.Errorf("%w: %s value of %d bytes", ErrCorrupt, tag, len(v))
	}
	p := v[:len(v)-sumLen]
	if binary.LittleEndian.Uint32(v[len(p):]) != checksum(tag, k, p) {
		return nil, fmt.Errorf("%w: %s value fails its checksum", ErrCorrupt, tag)
	}
	return p, nil
}

// appendRecord appends the encoding of r (but its number and marks) to
// dst, unsealed.
func appendRecord(dst []byte, r Record) []byte {
	var flags byte
	if r.HasFingerprint {
		flags |= flagFingerprint
	}
	dst = append(dst, flags)
	dst = binary.LittleEndian.AppendUint64(dst, uint64(r.Fingerprint))
	dst = append(dst, r.Digest[:]...)
	dst = binary.AppendUvarint(dst, uint64(len(r.ID)))
	return append(dst, r.ID...)
}

// appendMarks appends the encoding of marks to dst, unsealed.
func appendMarks(dst []byte, marks []uint64) []byte {
	for _, m := range marks {
		dst = binary.LittleEndian.AppendUint64(dst, m)
	}
	return dst
}

// decodeMarks appends the marks encoded in b, unsealed, to dst.
func decodeMarks(dst []uint64, b []byte) ([]uint64, error) {
	if len(b)%8 != 0 || len(b)/8 > MaxMarks {
		return dst, fmt.Errorf("%w: marks of %d bytes", ErrCorrupt, len(b))
	}
	for i := 0; i < len(b); i += 8 {
		dst = append(dst, binary.LittleEndian.Uint64(b[i:]))
	}
	return dst, nil
}

// decodeRecord decodes b, unsealed, into r, but for r.Num and r.Marks.
// The ID is copied; nothing of r refers to b.
func decodeRecord(b []byte, r *Record) error {
	if len(b) < recordHead {
		return fmt.Errorf("%w: record of %d bytes", ErrCorrupt, len(b))
	}
	flags := b[0]
	if flags&^flagFingerprint != 0 {
		return fmt.Errorf("%w: unknown record flags %#x", ErrCorrupt, flags)
	}
	r.HasFingerprint = flags&flagFingerprint != 0
	r.Fingerprint = simhash.Fingerprint(binary.LittleEndian.Uint64(b[1:9]))
	copy(r.Digest[:], b[9:recordHead])
	b = b[recordHead:]
	n, k := uvarint(b)
	if k <= 0 || n > MaxIDLen || n != uint64(len(b)-k) {
		return fmt.Errorf("%w: bad ID length", ErrCorrupt)
	}
	r.ID = string(b[k:])
	return nil
}

// openRecord checks and decodes the record stored under k, as
// decodeRecord does.
func openRecord(k, v []byte, r *Record) error {
	p, err := unseal(recsBucket, k, v)
	if err != nil {
		return err
	}
	return decodeRecord(p, r)
}

// uvarint is binary.Uvarint refusing non-minimal encodings, so that a
// record has one encoding and damage does not decode silently.
func uvarint(b []byte) (uint64, int) {
	n, k := binary.Uvarint(b)
	if k > 0 && len(binary.AppendUvarint(nil, n)) != k {
		return 0, -1
	}
	return n, k
}

// key returns the big-endian key of num, so that keys sort by number.
func key(num uint32) []byte { return binary.BigEndian.AppendUint32(nil, num) }

// num decodes a key.
func num(k []byte) (uint32, error) {
	if len(k) != 4 {
		return 0, fmt.Errorf("%w: key of %d bytes", ErrCorrupt, len(k))
	}
	return binary.BigEndian.Uint32(k), nil
}
