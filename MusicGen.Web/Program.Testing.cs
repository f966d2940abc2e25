// Lets the tests start this application with WebApplicationFactory<Program>.
public partial class Program;
