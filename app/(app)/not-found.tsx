import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/shell/not-found-message";

export const metadata: Metadata = { title: "Not found · Contact centre supervisor" };

/** A page under the signed-in shell called notFound() (an unknown or out-of-scope queue, agent or call): the shell's layout frames it. */
export default function AppNotFound() {
  return <NotFoundMessage />;
}
