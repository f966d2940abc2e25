using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Effects;

/// <summary>Tempo-synced ping-pong delay with a darkening feedback path (each repeat a little duller).</summary>
/// <remarks>
/// A stretch of the ring up to its end is read before any of it is written again, so the delayed samples of a
/// stretch are added to the output in one vector pass, the two one-pole tone filters (the only recursion) run
/// alone sample by sample and leave their outputs in the ring, and a last vector pass turns those into the
/// values to write: the same operations per sample as one loop doing it all.
/// </remarks>
public sealed class StereoDelay
{
    private readonly float[] left, right;
    private readonly float feedback;
    private int index;
    private float toneLeft, toneRight;

    public StereoDelay(float sampleRate, double delaySeconds, float feedback)
    {
        var length = Math.Max(1, (int)(delaySeconds * sampleRate));
        left = new float[length];
        right = new float[length];
        this.feedback = feedback;
    }

    public void Process(ReadOnlySpan<float> sendLeft, ReadOnlySpan<float> sendRight, Span<float> outLeft, Span<float> outRight)
    {
        var frames = outLeft.Length;
        if (sendLeft.Length < frames || sendRight.Length < frames || outRight.Length < frames)
        {
            throw new ArgumentException("Every span must hold the block's frames.");
        }

        for (var start = 0; start < frames;)
        {
            var count = Math.Min(frames - start, left.Length - index);
            var ringL = left.AsSpan(index, count);
            var ringR = right.AsSpan(index, count);
            Add(ringL, outLeft.Slice(start, count));
            Add(ringR, outRight.Slice(start, count));
            Tone(ringL, ringR);
            Feed(sendLeft.Slice(start, count), sendRight.Slice(start, count), ringL, ringR);
            index = index + count == left.Length ? 0 : index + count;
            start += count;
        }
    }

    private static void Add(ReadOnlySpan<float> delayed, Span<float> output)
    {
        var n = 0;
        for (; n + Vector256<float>.Count <= delayed.Length; n += Vector256<float>.Count)
        {
            (Vector256.Create<float>(output[n..]) + Vector256.Create<float>(delayed[n..])).CopyTo(output[n..]);
        }

        for (; n < delayed.Length; n++)
        {
            output[n] += delayed[n];
        }
    }

    /// <summary>Runs both tone filters over the delayed samples, leaving the left filter's output in <paramref name="right"/> and the right one's in <paramref name="left"/> (ping-pong).</summary>
    private void Tone(Span<float> left, Span<float> right)
    {
        var (tl, tr) = (toneLeft, toneRight);
        for (var n = 0; n < left.Length; n++)
        {
            var delayedL = left[n];
            var delayedR = right[n];
            tl += 0.35f * (delayedL - tl);
            tr += 0.35f * (delayedR - tr);
            left[n] = tr;
            right[n] = tl;
        }

        (toneLeft, toneRight) = (tl, tr);
    }

    /// <summary>ring left = (send left + send right) / 2 + tone right × feedback, ring right = tone left × feedback.</summary>
    private void Feed(ReadOnlySpan<float> sendLeft, ReadOnlySpan<float> sendRight, Span<float> left, Span<float> right)
    {
        var half = Vector256.Create(0.5f);
        var gain = Vector256.Create(feedback);
        var n = 0;
        for (; n + Vector256<float>.Count <= left.Length; n += Vector256<float>.Count)
        {
            var send = (Vector256.Create<float>(sendLeft[n..]) + Vector256.Create<float>(sendRight[n..])) * half;
            (send + Vector256.Create<float>(left[n..]) * gain).CopyTo(left[n..]);
            (Vector256.Create<float>(right[n..]) * gain).CopyTo(right[n..]);
        }

        for (; n < left.Length; n++)
        {
            left[n] = (sendLeft[n] + sendRight[n]) * 0.5f + left[n] * feedback;
            right[n] *= feedback;
        }
    }
}
