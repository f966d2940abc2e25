using System.Runtime.Intrinsics;
using MusicGen.Engine.Mastering;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// Vinyl hiss (white noise through a 3 kHz low-pass, −48 dB) and rare pops (3 in 10,000 samples), added to a
/// stereo block.
/// </summary>
/// <remarks>
/// A record's surface noise comes round with each turn, so the hiss is one turn of it (1.8 s at 33⅓ rpm), drawn and
/// filtered once and then played turn after turn: the song pays for 1.8 s of filtered noise instead of all of it.
/// The turn is filtered twice round, keeping the filter's state, so it joins itself without a step. The pops stay
/// random over the whole song: the gap to the next one is drawn (geometric, as a 0.03 % chance per sample would
/// give), so only the samples that carry one cost anything.
/// </remarks>
internal sealed class VinylCrackle
{
    private const float HissLevel = 0.004f, PopLevel = 0.05f, PopRight = 0.8f;

    /// <summary>The chance of a pop on any one sample: about one every 3,300 samples (0.08 s at 44.1 kHz).</summary>
    private const double PopChance = 0.0003;

    /// <summary>One turn of a 33⅓ rpm record.</summary>
    public const double TurnSeconds = 1.8;

    private readonly float[] turn;
    private int position;
    private Noise pops;
    private long untilPop;

    public VinylCrackle(float sampleRate, uint seed)
    {
        // Whole steps of eight, so the noise is drawn eight lanes at a time.
        turn = new float[((int)Math.Round(TurnSeconds * sampleRate) + 7) & ~7];
        var lanes = Lanes(seed);
        for (var i = 0; i < turn.Length; i += Vector256<float>.Count)
        {
            lanes ^= Vector256.ShiftLeft(lanes, 13);
            lanes ^= Vector256.ShiftRightLogical(lanes, 17);
            lanes ^= Vector256.ShiftLeft(lanes, 5);
            (Vector256.ConvertToSingle(lanes.AsInt32()) * (HissLevel / 2147483648f)).CopyTo(turn.AsSpan(i));
        }

        // The first time round only settles the filter's state on the turn's end; the second keeps its output. The
        // filter is linear, so scaling its input by the level is scaling its output.
        var filter = default(BlockSvf);
        filter.Set(3000f, 0.7f, sampleRate, bandPass: false);
        var settle = (float[])turn.Clone();
        filter.Process(settle);
        filter.Process(turn);

        pops = new Noise(seed ^ 0x5BD1E995u);
        untilPop = NextGap();
    }

    public void Add(Span<float> l, Span<float> r)
    {
        var frames = l.Length;
        for (var done = 0; done < frames;)
        {
            var count = Math.Min(frames - done, turn.Length - position);
            var hiss = turn.AsSpan(position, count);
            SampleMath.AddScaled(hiss, l.Slice(done, count), 1f);
            SampleMath.AddScaled(hiss, r.Slice(done, count), 1f);
            done += count;
            position = (position + count) % turn.Length;
        }

        for (; untilPop < frames; untilPop += NextGap())
        {
            var pop = pops.Next() * PopLevel;
            l[(int)untilPop] += pop;
            r[(int)untilPop] += pop * PopRight;
        }

        untilPop -= frames;
    }

    /// <summary>Samples from one pop to the next (at least one): geometric, as an independent chance per sample gives.</summary>
    private long NextGap()
    {
        var unit = pops.NextUnit();
        return 1 + (long)(Math.Log(1.0 - unit) / Math.Log(1.0 - PopChance));
    }

    /// <summary>Eight xorshift32 streams, each from its own well-mixed seed (a murmur3 finaliser), so no two lanes run in step.</summary>
    private static Vector256<uint> Lanes(uint seed)
    {
        Span<uint> states = stackalloc uint[Vector256<uint>.Count];
        for (var i = 0; i < states.Length; i++)
        {
            var state = seed + ((uint)i * 0x9E3779B9u);
            state = (state ^ (state >> 16)) * 0x85EBCA6Bu;
            state = (state ^ (state >> 13)) * 0xC2B2AE35u;
            state ^= state >> 16;

            // A zero state would stay zero.
            states[i] = state == 0 ? 0x9E3779B9u : state;
        }

        return Vector256.Create<uint>(states);
    }
}
