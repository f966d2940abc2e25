namespace MusicGen.Engine.Synthesis;

public enum Waveform
{
    Sine,
    Saw,
    Square,
    Triangle,
}
