using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Rendering;

/// <summary>
/// A note played back from its take (<see cref="NoteTakes"/>), note-off and release included, at its own gain. The
/// voice that plays a take last hands the take's buffer back when it has played it through.
/// </summary>
/// <remarks>
/// Every repeat of a take is as long as the take, and a part starts them in order, so the last one started is the
/// last to finish: none is still reading the buffer when it goes back (a voice cut short by the part's voice limit
/// never hands its buffer back; the garbage collector takes it).
/// </remarks>
/// <param name="owner">Where the buffer goes back after the take's last repeat; null while repeats are to come.</param>
internal sealed class TakeVoice(Take take, float gain, NoteTakes? owner) : Voice
{
    private int position;

    /// <summary>The take already holds the release.</summary>
    public override void NoteOff()
    {
    }

    public override bool Render(Span<float> output)
    {
        var count = Math.Min(output.Length, take.Length - position);
        take.AddTo(position, output[..count], gain);
        position += count;
        if (position < take.Length)
        {
            return true;
        }

        if (owner is not null && count > 0)
        {
            owner.Return(take.Samples);
        }

        return false;
    }
}
