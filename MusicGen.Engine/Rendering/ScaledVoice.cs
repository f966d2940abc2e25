using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Rendering;

/// <summary>A voice played at a gain: a take's voice rendered as it plays, when the take is not kept (<see cref="NoteTakes"/>).</summary>
internal sealed class ScaledVoice(Voice voice, float gain) : Voice
{
    private float[] scratch = [];

    public override void NoteOff() => voice.NoteOff();

    public override bool Render(Span<float> output)
    {
        if (scratch.Length < output.Length)
        {
            scratch = new float[output.Length];
        }

        var own = scratch.AsSpan(0, output.Length);
        own.Clear();
        var alive = voice.Render(own);
        Mastering.SampleMath.AddScaled(own, output, gain);
        return alive;
    }
}
