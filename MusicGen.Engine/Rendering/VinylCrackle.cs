using System.Runtime.Intrinsics;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// Vinyl hiss (white noise through a 3 kHz low-pass, −48 dB) and rare pops (3 in 10,000 samples), added to a
/// stereo block. The noise comes from eight xorshift32 streams, one per lane, so eight samples are drawn per
/// step instead of a chain of dependent shifts per sample, and the hiss's low-pass is a <see cref="BlockSvf"/>:
/// the same filter and the same distributions as drawing sample by sample from one stream.
/// </summary>
internal sealed class VinylCrackle
{
    private const float HissLevel = 0.004f, PopLevel = 0.05f, PopRight = 0.8f;

    /// <summary>A uniform draw above this is a pop: about one every 3,300 samples (0.08 s at 44.1 kHz).</summary>
    private const float PopThreshold = 0.9997f;

    private readonly float[] hiss, pop;
    private Vector256<uint> lanes;
    private BlockSvf filter;

    public VinylCrackle(int blockFrames, float sampleRate, uint seed)
    {
        // Whole steps of eight, so the noise pass never writes past the buffers.
        var capacity = (blockFrames + 7) & ~7;
        hiss = new float[capacity];
        pop = new float[capacity];
        Span<uint> states = stackalloc uint[Vector256<uint>.Count];
        for (var i = 0; i < states.Length; i++)
        {
            // Each lane's stream from its own well-mixed seed (a murmur3 finaliser), so no two lanes run in step;
            // a zero state would stay zero.
            var state = seed + ((uint)i * 0x9E3779B9u);
            state = (state ^ (state >> 16)) * 0x85EBCA6Bu;
            state = (state ^ (state >> 13)) * 0xC2B2AE35u;
            state ^= state >> 16;
            states[i] = state == 0 ? 0x9E3779B9u : state;
        }

        lanes = Vector256.Create<uint>(states);
        filter.Set(3000f, 0.7f, sampleRate, bandPass: false);
    }

    public void Add(Span<float> l, Span<float> r)
    {
        var frames = l.Length;
        var threshold = Vector256.Create(PopThreshold);
        var half = Vector256.Create(0.5f);
        var popLevel = Vector256.Create(PopLevel);
        for (var i = 0; i < frames; i += Vector256<float>.Count)
        {
            (Next() * HissLevel).CopyTo(hiss.AsSpan(i));
            var unit = (Next() + Vector256<float>.One) * half;
            var value = Next() * popLevel;
            Vector256.ConditionalSelect(Vector256.GreaterThan(unit, threshold), value, Vector256<float>.Zero).CopyTo(pop.AsSpan(i));
        }

        // The filter is linear, so scaling its input by the level is scaling its output.
        var hisses = hiss.AsSpan(0, frames);
        filter.Process(hisses);
        var pops = pop.AsSpan(0, frames);
        var popRight = Vector256.Create(PopRight);
        var n = 0;
        for (; n + Vector256<float>.Count <= frames; n += Vector256<float>.Count)
        {
            var h = Vector256.Create<float>(hisses[n..]);
            var p = Vector256.Create<float>(pops[n..]);
            (Vector256.Create<float>(l[n..]) + (h + p)).CopyTo(l[n..]);
            (Vector256.Create<float>(r[n..]) + (h + (p * popRight))).CopyTo(r[n..]);
        }

        for (; n < frames; n++)
        {
            l[n] += hisses[n] + pops[n];
            r[n] += hisses[n] + (pops[n] * PopRight);
        }
    }

    /// <summary>One xorshift32 step in every lane, as <see cref="Noise.Next"/>: eight values in [−1, 1).</summary>
    private Vector256<float> Next()
    {
        var s = lanes;
        s ^= Vector256.ShiftLeft(s, 13);
        s ^= Vector256.ShiftRightLogical(s, 17);
        s ^= Vector256.ShiftLeft(s, 5);
        lanes = s;
        return Vector256.ConvertToSingle(s.AsInt32()) * (1f / 2147483648f);
    }
}
