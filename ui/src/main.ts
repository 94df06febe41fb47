import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";

// The OS's theme before the first paint; the app then applies the saved preference.
document.documentElement.dataset.theme = matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
export default mount(App, { target });
