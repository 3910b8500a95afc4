/** Stands in for imported .css files under jest (Vite bundles them; jsdom does not lay out pages). */
export {};
