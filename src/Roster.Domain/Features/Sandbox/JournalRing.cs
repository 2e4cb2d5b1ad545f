using System.Buffers.Binary;
using Roster.Domain.Abstractions;
using Roster.Domain.Auth;

namespace Roster.Domain.Sandbox;

/// <summary>
/// The journal's entries kept as bytes in one buffer that is reused, oldest dropped first once <c>capacity</c> are kept.
/// <para>
/// Why bytes: every request adds an entry that outlives many collections of the youngest generation, so entries kept as
/// objects were copied from generation to generation and then died old; under load that copying was the longest of the
/// server's pauses (get by id's p99 was twice what it is with a journal of ten entries). One long-lived buffer is never
/// copied. It grows (doubling) when the last <c>capacity</c> entries need more room, so what is kept is exactly the
/// last <c>capacity</c> entries, unless they would need more than <c>maxBytes</c>: then the oldest make room.
/// <see cref="Clear"/> gives the room back.
/// </para>
/// Not thread-safe: <see cref="RequestJournal"/> holds its lock around every call.
/// </summary>
/// <param name="maxBytes">The most the buffer may grow to (the largest array by default); past it the oldest entries make room.</param>
internal sealed class JournalRing(int capacity, int initialBytes = JournalRing.InitialBytes, int maxBytes = int.MaxValue)
{
    readonly int _maxBytes = Math.Min(Math.Max(16, maxBytes), Array.MaxLength);
    public const int InitialBytes = 64 * 1024;

    readonly int _initialBytes = Math.Max(16, initialBytes);
    byte[] _buffer = new byte[Math.Max(16, initialBytes)];
    readonly long[] _starts = new long[capacity];
    readonly int[] _lengths = new int[capacity];
    int _first, _count;
    long _head, _tail; // positions counted since the buffer was made: where the next entry goes, and where the oldest begins

    public int Count => _count;
    public int Bytes => _buffer.Length;

    public void Add(ReadOnlySpan<byte> entry)
    {
        if (_count == _starts.Length) DropOldest();
        if (entry.Length > _maxBytes) throw new ArgumentException("an entry larger than the ring", nameof(entry));
        long at;
        while (!TryPlace(entry.Length, out at))
            if (!Grow(entry.Length)) DropOldest(); // at the largest size: the oldest entries make room
        entry.CopyTo(_buffer.AsSpan((int)(at % _buffer.Length), entry.Length));
        var slot = (_first + _count) % _starts.Length;
        _starts[slot] = at;
        _lengths[slot] = entry.Length;
        _count++;
        _head = at + entry.Length;
    }

    /// <summary>The entries' bytes, oldest first; valid until the next <see cref="Add"/> or <see cref="Clear"/>.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Entries()
    {
        for (var i = 0; i < _count; i++)
        {
            var slot = (_first + i) % _starts.Length;
            yield return _buffer.AsMemory((int)(_starts[slot] % _buffer.Length), _lengths[slot]);
        }
    }

    public void Clear()
    {
        _first = _count = 0;
        _head = _tail = 0;
        if (_buffer.Length > _initialBytes) _buffer = new byte[_initialBytes];
    }

    /// <summary>Where an entry of <paramref name="length"/> bytes goes in one piece: after the newest, or at the buffer's start when it would not fit before its end.</summary>
    bool TryPlace(int length, out long at)
    {
        var offset = (int)(_head % _buffer.Length);
        var skip = offset + length > _buffer.Length ? _buffer.Length - offset : 0;
        at = _head + skip;
        return _buffer.Length - (_head - _tail) >= skip + length;
    }

    void DropOldest()
    {
        _first = (_first + 1) % _starts.Length;
        _count--;
        _tail = _count == 0 ? _head : _starts[_first];
    }

    /// <summary>A buffer with room for the kept entries and one more of <paramref name="length"/> bytes, the kept ones copied to its start in order; false at the largest size.</summary>
    bool Grow(int length)
    {
        long kept = 0;
        for (var i = 0; i < _count; i++) kept += _lengths[(_first + i) % _starts.Length];
        if (_buffer.Length >= _maxBytes || kept + length > _maxBytes) return false;
        var size = (long)_buffer.Length * 2;
        while (size < kept + length) size *= 2;
        var grown = new byte[(int)Math.Min(size, _maxBytes)];
        long written = 0;
        for (var i = 0; i < _count; i++)
        {
            var slot = (_first + i) % _starts.Length;
            _buffer.AsSpan((int)(_starts[slot] % _buffer.Length), _lengths[slot]).CopyTo(grown.AsSpan((int)written));
            _starts[slot] = written;
            written += _lengths[slot];
        }
        _buffer = grown;
        _tail = 0;
        _head = written;
        return true;
    }
}

/// <summary>A <see cref="JournalEntry"/> as the bytes <see cref="JournalRing"/> keeps: fixed fields, then each text as its UTF-8 length (-1 for none) and bytes.</summary>
internal static class JournalEntryBytes
{
    const int Fixed = 8 + 8 + 2 + 4 + 1 + 4 + 8; // id, instant, offset minutes, status, has code, code, duration

    [ThreadStatic] static byte[]? t_scratch;

    /// <summary>
    /// The entry's bytes (id 0, see <see cref="SetId"/>) in this thread's scratch buffer, valid until the thread's next
    /// call; a rare huge entry gets a buffer of its own that is not kept.
    /// </summary>
    public static Span<byte> Encode(JournalEntry e)
    {
        var texts = Texts(e);
        var size = Size(texts);
        var scratch = t_scratch is { } s && s.Length >= size ? s : new byte[Math.Max(size, 4096)];
        if (scratch.Length <= 256 * 1024) t_scratch = scratch;
        var bytes = scratch.AsSpan(0, size);
        Write(e, texts, 0, bytes);
        return bytes;
    }

    public static void SetId(Span<byte> entry, long id) => BinaryPrimitives.WriteInt64LittleEndian(entry, id);

    public static int Size(JournalEntry e) => Size(Texts(e));

    public static void Write(JournalEntry e, long id, Span<byte> into) => Write(e, Texts(e), id, into);

    static int Size(string?[] texts)
    {
        var size = Fixed;
        foreach (var text in texts) size += 4 + (text is null ? 0 : Encoding.UTF8.GetByteCount(text));
        return size;
    }

    static void Write(JournalEntry e, string?[] texts, long id, Span<byte> into)
    {
        SetId(into, id);
        BinaryPrimitives.WriteInt64LittleEndian(into[8..], e.At.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(into[16..], (short)e.At.Offset.TotalMinutes);
        BinaryPrimitives.WriteInt32LittleEndian(into[18..], e.Status);
        into[22] = e.Code is null ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteInt32LittleEndian(into[23..], e.Code ?? 0);
        BinaryPrimitives.WriteDoubleLittleEndian(into[27..], e.DurationMs);
        var at = Fixed;
        foreach (var text in texts)
        {
            if (text is null)
            {
                BinaryPrimitives.WriteInt32LittleEndian(into[at..], -1);
                at += 4;
                continue;
            }
            var n = Encoding.UTF8.GetBytes(text, into[(at + 4)..]);
            BinaryPrimitives.WriteInt32LittleEndian(into[at..], n);
            at += 4 + n;
        }
    }

    public static JournalEntry Read(ReadOnlySpan<byte> from)
    {
        var at = Fixed;
        string? Text(ReadOnlySpan<byte> b)
        {
            var n = BinaryPrimitives.ReadInt32LittleEndian(b[at..]);
            at += 4;
            if (n < 0) return null;
            var text = Encoding.UTF8.GetString(b.Slice(at, n));
            at += n;
            return text;
        }
        var offset = TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(from[16..]));
        var instant = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(from[8..]), TimeSpan.Zero).ToOffset(offset);
        var status = BinaryPrimitives.ReadInt32LittleEndian(from[18..]);
        int? code = from[22] == 0 ? null : BinaryPrimitives.ReadInt32LittleEndian(from[23..]);
        var duration = BinaryPrimitives.ReadDoubleLittleEndian(from[27..]);
        // in the order of Texts
        var method = Text(from)!;
        var path = Text(from)!;
        var query = Text(from);
        var operation = Text(from);
        var account = Text(from);
        var user = Text(from);
        var request = Text(from);
        var response = Text(from);
        var fault = Text(from);
        var tracking = Text(from);
        return new JournalEntry(BinaryPrimitives.ReadInt64LittleEndian(from), instant, method, path, query, operation, account, user, status, code,
            duration, request, response, fault, tracking);
    }

    static string?[] Texts(JournalEntry e)
        => [e.Method, e.Path, e.Query, e.Operation, e.AccountId, e.UserId, e.RequestBody, e.ResponseBody, e.Fault, e.TrackingId];
}
