using System.Buffers;
using MusicGen.Engine.Scores;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// Pitched notes played the way a sampler plays them: each distinct note of a part (pitch, held length, glide,
/// section energy, filter position and velocity layer) is rendered once, and every repeat plays that take back
/// at its own velocity. Songs loop their chords, riffs and hooks, so a song holds several times fewer distinct
/// notes than notes.
/// </summary>
/// <remarks>
/// <para>
/// A take depends only on its key, never on which repeat rendered it first: its seed comes from the key, and a
/// note is always rendered at its layer's velocity. So keeping a take changes the cost, never the sound (but for
/// float rounding: a take is rendered in longer pieces than the song's blocks).
/// </para>
/// <para>
/// The parts announce their notes before the song starts (<see cref="Expect"/>), so a take is kept only while a
/// repeat is still to come, and its buffer goes to a later take after the last one; a note heard once plays as it
/// renders, without a take. Takes never hold more than <see cref="BudgetSamples"/>, however long the song.
/// </para>
/// <para>
/// A take is kept in 16 bits under each block's peak (<see cref="Take"/>): half the memory of float samples, and half the
/// bytes for each repeat to read. Its first play is from the take too, so every play of a note sounds the same.
/// </para>
/// <para>
/// The buffers come from the shared array pool and go back to it when the song is done (<see cref="Release"/>): a
/// process rendering song after song reuses them, where new arrays came as fresh pages that the kernel had to fault in
/// and zero, a tenth of drum and bass's render.
/// </para>
/// <para>
/// Where velocity only scales an instrument (<see cref="VoiceFactory.VelocityOnlyScales"/>), one take serves every
/// velocity. Elsewhere a layer spans 16 steps of 127, and within it the voice's brightness is the layer's.
/// </para>
/// </remarks>
/// <param name="budgetSamples">Samples kept at once across the song's parts.</param>
internal sealed class NoteTakes(VoiceFactory factory, float sampleRate, long budgetSamples = NoteTakes.BudgetSamples)
{
    /// <summary>
    /// The default budget: 16 MB of takes, as much as the most varied 30-second songs keep (ambient's long pads). A long
    /// song fills it and renders its rarer notes as they play.
    /// </summary>
    public const long BudgetSamples = 8L << 20;

    private const int LayerWidth = 16;

    // A take is rendered in pieces this long until its voice falls silent.
    private const int Piece = 1024;

    // A voice still sounding this long after its key was let go is cut off (none of ours rings for as long).
    private const float LongestTailSeconds = 30f;

    private readonly Dictionary<TakeKey, int> uses = [];
    private readonly Dictionary<TakeKey, Take> takes = [];

    // Where takes are rendered before they are encoded: kept from take to take.
    private float[] scratch = [];

    // Buffers of takes whose last repeat has played, for later takes to reuse.
    private readonly List<short[]> spare = [];
    private long spareSamples;
    private long kept, longestTail;

    // The longest tail each instrument's takes have rung so far: how long the next one's buffer is made.
    private readonly Dictionary<Instrument, long> tails = [];

    /// <summary>Samples held in takes kept for a repeat still to come.</summary>
    public long KeptSamples => kept;

    /// <summary>The take a note plays, and the gain that brings the take to the note's velocity.</summary>
    public (TakeKey Key, float Gain) KeyFor(Instrument instrument, in NoteContext note, long holdFrames, uint partSeed)
    {
        var velocity = Math.Clamp((int)MathF.Round(note.Velocity * 127f), 1, 127);
        var layer = factory.VelocityOnlyScales(instrument) ? 127 : ((velocity - 1) / LayerWidth * LayerWidth) + (LayerWidth / 2);
        return (new TakeKey(instrument, partSeed, note.Pitch, layer, holdFrames, note.Energy, note.GlideFrom, note.GlideSeconds, note.CutoffOctaves, note.Swell), velocity / (float)layer);
    }

    /// <summary>Announces that a part will play <paramref name="key"/> (once per note, before the song starts).</summary>
    public void Expect(in TakeKey key) => uses[key] = uses.GetValueOrDefault(key) + 1;

    /// <summary>The voice that plays the take of <paramref name="key"/> at <paramref name="gain"/>; null when the instrument has no voice.</summary>
    public Voice? Play(in TakeKey key, float gain)
    {
        var left = uses.GetValueOrDefault(key) - 1;
        if (left > 0)
        {
            uses[key] = left;
        }
        else
        {
            uses.Remove(key);
        }

        if (takes.TryGetValue(key, out var stored))
        {
            if (left <= 0)
            {
                takes.Remove(key);
                kept -= stored.Samples.Length;
            }

            return new TakeVoice(stored, gain, left <= 0 ? this : null);
        }

        // A take's tail is not known before it is rendered: room is judged with the longest tail so far, so that a
        // song near its budget does not render takes only to throw them away.
        if (left <= 0 || kept + key.HoldFrames + longestTail > budgetSamples)
        {
            // No repeat to keep it for, or no room: the voice plays as it renders, without a take's memory.
            return factory.Create(key.Instrument, Context(key)) is { } voice ? voice.TryScale(gain) ? voice : new ScaledVoice(voice, gain) : null;
        }

        var length = Render(key);
        if (length < 0)
        {
            return null;
        }

        longestTail = Math.Max(longestTail, length - key.HoldFrames);
        tails[key.Instrument] = Math.Max(tails.GetValueOrDefault(key.Instrument), length - key.HoldFrames);
        var take = Take.Encode(scratch.AsSpan(0, length), Buffer(length));
        var keep = kept + take.Samples.Length <= budgetSamples;
        if (keep)
        {
            takes[key] = take;
            kept += take.Samples.Length;
        }

        return new TakeVoice(take, gain, keep ? null : this);
    }

    /// <summary>Takes back the buffer of a take whose last repeat has played (from <see cref="TakeVoice"/>).</summary>
    public void Return(short[] samples)
    {
        if (spareSamples + samples.Length <= budgetSamples)
        {
            spare.Add(samples);
            spareSamples += samples.Length;
        }
        else
        {
            ArrayPool<short>.Shared.Return(samples);
        }
    }

    /// <summary>
    /// Hands every buffer still held (kept takes, spares, the render buffer) back to the shared pool once the song is
    /// rendered: no voice plays a take after that. A voice cut short by a part's voice limit keeps its buffer out of the
    /// pool, as the garbage collector's.
    /// </summary>
    public void Release()
    {
        foreach (var buffer in takes.Values.Select(t => t.Samples).Concat(spare))
        {
            ArrayPool<short>.Shared.Return(buffer);
        }

        if (scratch.Length > 0)
        {
            ArrayPool<float>.Shared.Return(scratch);
        }

        takes.Clear();
        spare.Clear();
        (kept, spareSamples, scratch) = (0, 0, []);
    }

    /// <summary>A spare take buffer at most twice as long as asked for, else one from the pool.</summary>
    private short[] Buffer(int length)
    {
        var best = -1;
        for (var i = 0; i < spare.Count; i++)
        {
            var size = spare[i].Length;
            if (size >= length && size <= 2 * length && (best < 0 || size < spare[best].Length))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return ArrayPool<short>.Shared.Rent(length);
        }

        var buffer = spare[best];
        spare.RemoveAt(best);
        spareSamples -= buffer.Length;
        return buffer;
    }

    private NoteContext Context(in TakeKey key) =>
        new(key.Pitch, key.Layer / 127f, key.Energy, sampleRate, Seed(key), key.HoldFrames / sampleRate)
        {
            GlideFrom = key.GlideFrom,
            GlideSeconds = key.GlideSeconds,
            CutoffOctaves = key.CutoffOctaves,
            Swell = key.Swell,
        };

    /// <summary>
    /// Renders the take into <see cref="scratch"/> (grown to the note and the instrument's longest tail so far, and again
    /// when the tail runs on) and returns its length; −1 when the instrument has no voice.
    /// </summary>
    private int Render(in TakeKey key)
    {
        var voice = factory.Create(key.Instrument, Context(key));
        if (voice is null)
        {
            return -1;
        }

        var limit = key.HoldFrames + (long)(LongestTailSeconds * sampleRate);
        if (scratch.Length < key.HoldFrames + Piece)
        {
            if (scratch.Length > 0)
            {
                ArrayPool<float>.Shared.Return(scratch);
            }

            scratch = ArrayPool<float>.Shared.Rent((int)Math.Min(limit, key.HoldFrames + tails.GetValueOrDefault(key.Instrument, (long)sampleRate) + Piece));
        }

        var length = 0;
        var alive = true;
        while (alive && length < limit)
        {
            if (length + Piece > scratch.Length)
            {
                var grown = ArrayPool<float>.Shared.Rent((int)Math.Min(limit, Math.Max(2L * scratch.Length, key.HoldFrames + (long)sampleRate)));
                scratch.AsSpan(0, length).CopyTo(grown);
                ArrayPool<float>.Shared.Return(scratch);
                scratch = grown;
            }

            var count = (int)Math.Min(Piece, limit - length);
            var held = key.HoldFrames - length;
            var piece = scratch.AsSpan(length, count);
            piece.Clear();
            if (held >= 0 && held < count)
            {
                voice.Render(piece[..(int)held]);
                voice.NoteOff();
                alive = voice.Render(piece[(int)held..]);
            }
            else
            {
                alive = voice.Render(piece);
            }

            length += count;
        }

        return length;
    }

    /// <summary>A seed from the key alone (FNV-1a over its fields), the same in every process.</summary>
    private static uint Seed(in TakeKey key)
    {
        var hash = 2166136261u;
        ReadOnlySpan<uint> fields =
        [
            (uint)key.Instrument, key.PartSeed, (uint)key.Pitch, (uint)key.Layer, (uint)key.HoldFrames, (uint)(key.HoldFrames >> 32),
            BitConverter.SingleToUInt32Bits(key.Energy), (uint)key.GlideFrom, BitConverter.SingleToUInt32Bits(key.GlideSeconds),
            BitConverter.SingleToUInt32Bits(key.CutoffOctaves),
        ];
        foreach (var field in fields)
        {
            hash = (hash ^ field) * 16777619u;
        }

        // Only a swell adds to the hash, so every other take keeps the seed it had before swells existed.
        return key.Swell ? (hash ^ 1u) * 16777619u : hash;
    }

    /// <summary>What a take depends on; the part's seed keeps two parts playing the same notes (a double-tracked guitar) apart.</summary>
    internal readonly record struct TakeKey(
        Instrument Instrument,
        uint PartSeed,
        int Pitch,
        int Layer,
        long HoldFrames,
        float Energy,
        int GlideFrom,
        float GlideSeconds,
        float CutoffOctaves,
        bool Swell);
}
