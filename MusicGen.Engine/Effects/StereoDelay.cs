namespace MusicGen.Engine.Effects;

/// <summary>Tempo-synced ping-pong delay with a darkening feedback path (each repeat a little duller).</summary>
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
        for (var n = 0; n < outLeft.Length; n++)
        {
            var delayedL = left[index];
            var delayedR = right[index];
            toneLeft += 0.35f * (delayedL - toneLeft);
            toneRight += 0.35f * (delayedR - toneRight);
            left[index] = (sendLeft[n] + sendRight[n]) * 0.5f + toneRight * feedback;
            right[index] = toneLeft * feedback;
            if (++index == left.Length)
            {
                index = 0;
            }

            outLeft[n] += delayedL;
            outRight[n] += delayedR;
        }
    }
}
